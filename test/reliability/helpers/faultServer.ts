// A small Cognito look-alike on loopback that answers every action with a plausible reply and
// injects one kind of fault into the requests a test targets. Replies are scripted, not
// checked: the subject here is the client's handling of faults, not the service's logic.
import { randomBytes } from 'node:crypto';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { tokensFor } from './tokens';

export const FAULTS = [
	'refused',
	'reset',
	'html500',
	'json400',
	'empty400',
	'badJson200',
	'missing200',
	'hang',
] as const;
export type Fault = (typeof FAULTS)[number];

export type Json = Record<string, unknown>;

export interface Received {
	action: string;
	body: Json;
}

export interface FaultPlan {
	fault?: Fault;
	/** Which requests get the fault (every matching one: faults are persistent). */
	target?: (r: Received) => boolean;
	/** For 'refused': how many requests are answered before the server stops listening. */
	refuseAfter?: number;
	/** Scripted reply for the healthy case; defaults to {@link healthyReply}. */
	reply?: (r: Received) => Json;
	/** PASSWORD_VERIFIER issues a new device. */
	newDevice?: boolean;
	/** The service error of 'json400'; default NotAuthorizedException with INJECTED_MESSAGE. */
	serviceError?: { type: string; message: string };
}

export const INJECTED_MESSAGE = 'Injected fault.';

// A B that is a valid group element for the client's checks (non-zero mod N).
const SRP_B = `7f${randomBytes(380).toString('hex')}`;
const SALT = randomBytes(16).toString('hex');
const SECRET_BLOCK = randomBytes(64).toString('base64');

function params(body: Json): Json {
	return (body.AuthParameters ?? body.ChallengeResponses ?? {}) as Json;
}

/** What a healthy service would answer, well enough for the client to carry on. */
export function healthyReply(r: Received, plan: FaultPlan): Json {
	const p = params(r.body);
	const username = String(p.USERNAME ?? 'alice');
	const auth = (extra: Json = {}): Json => ({
		AuthenticationResult: {
			...tokensFor(username),
			ExpiresIn: 3600,
			TokenType: 'Bearer',
			...extra,
		},
		ChallengeParameters: {},
	});
	switch (r.action) {
		case 'InitiateAuth': {
			const flow = r.body.AuthFlow;
			if (p.SRP_A !== undefined) {
				return {
					ChallengeName: 'PASSWORD_VERIFIER',
					ChallengeParameters: {
						SRP_B,
						SALT,
						SECRET_BLOCK,
						USER_ID_FOR_SRP: username,
						USERNAME: username,
					},
					Session: 'session-srp',
				};
			}
			if (flow === 'CUSTOM_AUTH') {
				return {
					ChallengeName: 'CUSTOM_CHALLENGE',
					ChallengeParameters: { question: '2+2' },
					Session: 'session-custom',
				};
			}
			if (flow === 'REFRESH_TOKEN_AUTH') {
				const t = tokensFor('alice');
				return { AuthenticationResult: { IdToken: t.IdToken, AccessToken: t.AccessToken } };
			}
			return auth();
		}
		case 'RespondToAuthChallenge': {
			switch (r.body.ChallengeName) {
				case 'PASSWORD_VERIFIER':
					if (p.DEVICE_KEY) {
						return { ChallengeName: 'DEVICE_SRP_AUTH', Session: 'session-device' };
					}
					return plan.newDevice
						? auth({ NewDeviceMetadata: { DeviceKey: 'us-east-1_dev-new', DeviceGroupKey: 'grp' } })
						: auth();
				case 'DEVICE_SRP_AUTH':
					return {
						ChallengeName: 'DEVICE_PASSWORD_VERIFIER',
						ChallengeParameters: { SRP_B, SALT, SECRET_BLOCK, USERNAME: username },
						Session: 'session-device-2',
					};
				case 'SELECT_MFA_TYPE':
					return { ChallengeName: 'SMS_MFA', ChallengeParameters: {}, Session: 'session-mfa' };
				default:
					return auth();
			}
		}
		case 'SignUp':
			return {
				UserConfirmed: false,
				UserSub: 'sub-1',
				CodeDeliveryDetails: { DeliveryMedium: 'EMAIL', Destination: 'a***@e.com' },
			};
		case 'ResendConfirmationCode':
		case 'ForgotPassword':
		case 'GetUserAttributeVerificationCode':
			return { CodeDeliveryDetails: { DeliveryMedium: 'EMAIL', Destination: 'a***@e.com' } };
		case 'GetUser':
			return {
				Username: 'alice',
				UserAttributes: [{ Name: 'email', Value: 'alice@example.com' }],
				MFAOptions: [],
			};
		case 'AssociateSoftwareToken':
			return { SecretCode: 'JBSWY3DPEHPK3PXP', Session: 'session-totp' };
		case 'VerifySoftwareToken':
			return { Status: 'SUCCESS', Session: 'session-totp-2' };
		case 'GetDevice':
			return { Device: { DeviceKey: 'us-east-1_dev' } };
		case 'ListDevices':
			return { Devices: [{ DeviceKey: 'us-east-1_dev' }] };
		case 'ConfirmDevice':
			return { UserConfirmationNecessary: false };
		default:
			return {};
	}
}

/** The healthy reply without the fields a client needs to go on. */
export function stripRequired(reply: Json): Json {
	const copy = JSON.parse(JSON.stringify(reply)) as Json;
	for (const key of ['AuthenticationResult', 'UserAttributes', 'SecretCode']) delete copy[key];
	const cp = copy.ChallengeParameters as Json | undefined;
	if (cp) delete cp.SRP_B;
	if (copy.ChallengeName === 'CUSTOM_CHALLENGE') delete copy.ChallengeName;
	return copy;
}

export interface FaultServer {
	url: string;
	received: Received[];
	/** How many requests the plan's target matched. */
	targeted: number;
	close(): Promise<void>;
}

const readBody = (req: IncomingMessage): Promise<string> =>
	new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		req.on('error', reject);
	});

export async function startFaultServer(plan: FaultPlan): Promise<FaultServer> {
	const sockets = new Set<Socket>();
	let answered = 0;
	const state: FaultServer = {
		url: '',
		received: [],
		targeted: 0,
		close: () => closeServer(),
	};
	let listening = true;
	const stopListening = (): void => {
		if (!listening) return;
		listening = false;
		server.close();
	};

	const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
		const text = await readBody(req);
		const action =
			String(req.headers['x-amz-target'] ?? '')
				.split('.')
				.pop() ?? '';
		let body: Json = {};
		try {
			body = JSON.parse(text) as Json;
		} catch {
			// the client always sends JSON; keep going with an empty body
		}
		const r: Received = { action, body };
		state.received.push(r);
		const healthy = (plan.reply ?? ((x: Received) => healthyReply(x, plan)))(r);
		const isTarget = plan.fault !== undefined && plan.target !== undefined && plan.target(r);
		if (isTarget) state.targeted++;
		answered++;
		const refuseNow = plan.fault === 'refused' && answered === plan.refuseAfter;
		const send = (status: number, payload: string, type = 'application/x-amz-json-1.1'): void => {
			const headers: Record<string, string> = { 'Content-Type': type };
			if (refuseNow) headers.Connection = 'close';
			res.writeHead(status, headers);
			res.end(payload);
		};
		if (refuseNow) stopListening();
		if (!isTarget || plan.fault === 'refused') return send(200, JSON.stringify(healthy));
		switch (plan.fault) {
			case 'reset': {
				res.writeHead(200, {
					'Content-Type': 'application/x-amz-json-1.1',
					'Content-Length': '4096',
				});
				res.write('{"AuthenticationResult":{"AccessToken":"ey');
				setTimeout(() => req.socket.resetAndDestroy(), 20);
				return;
			}
			case 'html500':
				return send(
					500,
					'<html><body><h1>500 Internal Server Error</h1></body></html>',
					'text/html',
				);
			case 'json400':
				return send(
					400,
					JSON.stringify({
						__type: `com.amazonaws#${plan.serviceError?.type ?? 'NotAuthorizedException'}`,
						message: plan.serviceError?.message ?? INJECTED_MESSAGE,
					}),
				);
			case 'empty400':
				return send(400, '');
			case 'badJson200':
				return send(200, '{"AuthenticationResult": {"AccessToken": "ey');
			case 'missing200':
				return send(200, JSON.stringify(stripRequired(healthy)));
			case 'hang':
				return; // never answered; the socket is destroyed on close
			default:
				return send(200, JSON.stringify(healthy));
		}
	};

	const server: Server = createServer((req, res) => {
		handle(req, res).catch(() => res.destroy());
	});
	server.on('connection', (s: Socket) => {
		sockets.add(s);
		s.on('close', () => sockets.delete(s));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
	if (plan.fault === 'refused' && !plan.refuseAfter) stopListening();

	async function closeServer(): Promise<void> {
		for (const s of sockets) s.destroy();
		if (listening) {
			listening = false;
			await new Promise<void>((resolve) => server.close(() => resolve()));
		}
	}
	return state;
}
