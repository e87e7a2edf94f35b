export { default as DateHelper } from './DateHelper';
