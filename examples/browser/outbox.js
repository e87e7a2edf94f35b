// The local pool's outbox (server/README.md) in a side panel, polled while the page is open, so
// a person can read the codes the pool would have emailed or texted. The pool answers only
// pages it trusts, and a real pool has no outbox at all: a local-development aid only.
/* global document, fetch, setInterval, URLSearchParams */
import { fillList } from './view.js';

/** Shows the latest messages of the app's pool in #outbox-list, newest first. */
export function watchOutbox(app) {
	const list = app.$('#outbox-list');
	let seen = '';
	const refresh = async () => {
		try {
			const query = new URLSearchParams({ pool: app.config.UserPoolId });
			const response = await fetch(`${app.config.endpoint}/_local/outbox?${query}`);
			if (!response.ok) throw new Error(`the outbox answered ${response.status}`);
			const { messages } = await response.json();
			const key = messages.map((message) => message.id).join();
			if (key === seen) return;
			seen = key;
			fillList(list, messages.slice(-8).reverse(), 'Nothing sent yet.', (message) => {
				const code = document.createElement('span');
				code.className = 'code';
				code.textContent = message.code;
				return [`${message.kind} for ${message.username} → ${message.destination}: `, code];
			});
		} catch (error) {
			list.textContent = `Cannot read the local outbox: ${error.message}`;
		}
	};
	refresh();
	setInterval(refresh, 1000);
}
