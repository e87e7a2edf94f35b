export type OutboxKind =
	| 'confirmation'
	| 'forgot-password'
	| 'attribute-verification'
	| 'sms-mfa'
	| 'email-mfa'
	| 'email-otp'
	| 'sms-otp'
	| 'custom-challenge'
	| 'invitation';

/** A message the service would have e-mailed or texted. */
export interface OutboxMessage {
	id: number;
	time: string;
	poolId: string;
	username: string;
	kind: OutboxKind;
	code: string;
	deliveryMedium: 'EMAIL' | 'SMS';
	destination: string;
	attributeName?: string;
}

export interface OutboxFilter {
	poolId?: string;
	username?: string;
	kind?: string;
}

export class Outbox {
	private messages: OutboxMessage[] = [];
	private nextId = 1;

	add(message: Omit<OutboxMessage, 'id'>): OutboxMessage {
		const full = { id: this.nextId++, ...message };
		this.messages.push(full);
		// Bounded so a long-running dev server cannot grow without limit.
		if (this.messages.length > 10_000) this.messages.splice(0, this.messages.length - 10_000);
		return full;
	}

	list(filter: OutboxFilter = {}): OutboxMessage[] {
		return this.messages.filter(
			(m) =>
				(filter.poolId === undefined || m.poolId === filter.poolId) &&
				(filter.username === undefined || m.username === filter.username) &&
				(filter.kind === undefined || m.kind === filter.kind),
		);
	}

	/** The newest message matching the filter. */
	last(filter: OutboxFilter = {}): OutboxMessage | undefined {
		return this.list(filter).at(-1);
	}

	clear(): void {
		this.messages = [];
	}
}
