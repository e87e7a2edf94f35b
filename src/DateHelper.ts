/** English abbreviations, as the service expects them whatever the device's locale. */
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const twoDigits = (value: number): string => String(value).padStart(2, '0');

/** Formats the TIMESTAMP that Cognito expects in SRP password claims. */
export default class DateHelper {
	/**
	 * The current time as `ddd MMM D HH:mm:ss UTC YYYY`, for example
	 * `Tue Jan 1 06:06:09 UTC 2019`: the day of the month is not padded, because the service
	 * signs the string exactly as it is sent.
	 */
	getNowString(): string {
		const now = new Date();
		const weekday = WEEKDAYS[now.getUTCDay()] as string;
		const month = MONTHS[now.getUTCMonth()] as string;
		const time = [now.getUTCHours(), now.getUTCMinutes(), now.getUTCSeconds()]
			.map(twoDigits)
			.join(':');
		return `${weekday} ${month} ${now.getUTCDate()} ${time} UTC ${now.getUTCFullYear()}`;
	}
}
