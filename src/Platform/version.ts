/**
 * The version reported in the user agent. The original shipped this stale value, and the
 * service and dashboards see it on the wire, so it is kept as is.
 */
export const version = '5.0.4';
