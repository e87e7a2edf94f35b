/** Formats the TIMESTAMP that Cognito expects in SRP password claims. */
export default class DateHelper {
	/**
	 * The current time as `ddd MMM D HH:mm:ss UTC YYYY`, for example
	 * `Tue Jan 1 06:06:09 UTC 2019`: the day of the month is not padded, because the service
	 * signs the string exactly as it is sent.
	 */
	getNowString(): string {
		const now = new Date();
		// ECMA-262 fixes toUTCString as `Tue, 01 Jan 2019 06:06:09 GMT`, with English names:
		// borrowing them spares the bundle two name tables.
		const [weekday = '', , month, , time] = now.toUTCString().split(' ');
		return `${weekday.slice(0, 3)} ${month} ${now.getUTCDate()} ${time} UTC ${now.getUTCFullYear()}`;
	}
}
