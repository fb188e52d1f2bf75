// vaultkv embedded Vault console: plain JavaScript calling the server's own Vault API (/v1/) and its
// dev-only console API (/ui/api/) with the root token. No build step, no external resources.
'use strict';

(() => {
	const TOKEN_KEY = 'vaultkv-console-token';
	const state = {
		token: null,
		mounts: [],
		mount: null,
		prefix: '',
		secret: null,
		poll: null,
		logRefreshing: false,
		logRendered: null,
		faultsRendered: null
	};

	const $ = (id) => document.getElementById(id);

	function el(tag, attributes, ...children) {
		const node = document.createElement(tag);
		for (const [name, value] of Object.entries(attributes || {})) {
			if (value === undefined || value === null || value === false) {
				continue;
			}
			if (name === 'class') {
				node.className = value;
			}
			else if (name.startsWith('on')) {
				node.addEventListener(name.substring(2), value);
			}
			else {
				node.setAttribute(name, value === true ? '' : value);
			}
		}
		for (const child of children.flat()) {
			if (child !== undefined && child !== null) {
				node.append(child instanceof Node ? child : document.createTextNode(String(child)));
			}
		}
		return node;
	}

	class ApiError extends Error {
		constructor(status, body) {
			const errors = (body && Array.isArray(body.errors) && body.errors.length) ? body.errors.join('; ') : '';
			super(errors ? `${status}: ${errors}` : `HTTP ${status}`);
			this.status = status;
			this.body = body;
		}
	}

	async function call(method, url, body) {
		const init = { method, headers: { 'X-Vault-Token': state.token || '' }, cache: 'no-store' };
		if (body !== undefined) {
			init.headers['Content-Type'] = 'application/json';
			init.body = JSON.stringify(body);
		}
		const response = await fetch(url, init);
		const text = await response.text();
		let parsed = null;
		if (text) {
			try {
				parsed = JSON.parse(text);
			}
			catch (e) {
				parsed = null;
			}
		}
		return { status: response.status, body: parsed };
	}

	async function vault(method, path, body, allowed) {
		const result = await call(method, '/v1/' + path, body);
		if (result.status >= 400 && !(allowed || []).includes(result.status)) {
			throw new ApiError(result.status, result.body);
		}
		return result;
	}

	async function devApi(method, path, body) {
		const result = await call(method, '/ui/api/' + path, body);
		if (result.status >= 400) {
			throw new ApiError(result.status, result.body);
		}
		return result.body;
	}

	function encodePath(path) {
		return path.split('/').map(encodeURIComponent).join('/');
	}

	function say(text, isError) {
		const message = $('message');
		message.textContent = text;
		message.className = isError ? 'error' : 'ok';
	}

	function fail(error) {
		say(error.message || String(error), true);
	}

	function formatTime(iso) {
		if (!iso || iso.startsWith('0001-')) {
			return '';
		}
		const date = new Date(iso);
		return isNaN(date) ? iso : date.toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z');
	}

	// --- sign in ---------------------------------------------------------------------------------------

	async function signIn(token) {
		state.token = token;
		try {
			await devApi('GET', 'clock');
		}
		catch (error) {
			state.token = null;
			sessionStorage.removeItem(TOKEN_KEY);
			$('login-error').textContent = error.status === 403
				? 'That is not the root token of this server.' : 'Cannot reach the server: ' + error.message;
			return;
		}
		sessionStorage.setItem(TOKEN_KEY, token);
		$('login-error').textContent = '';
		$('token').value = '';
		$('login').hidden = true;
		$('app').hidden = false;
		$('status-bar').hidden = false;
		showTab('secrets');
		await loadMounts();
		startPolling();
	}

	function signOut() {
		sessionStorage.removeItem(TOKEN_KEY);
		state.token = null;
		clearTimeout(state.poll);
		$('app').hidden = true;
		$('status-bar').hidden = true;
		$('login').hidden = false;
		$('token').focus();
	}

	// --- tabs ------------------------------------------------------------------------------------------

	function showTab(name) {
		for (const tab of ['secrets', 'requests', 'server']) {
			const selected = tab === name;
			$('tab-' + tab).setAttribute('aria-selected', String(selected));
			$('panel-' + tab).hidden = !selected;
		}
		if (name === 'requests') {
			refreshLog().catch(fail);
		}
		if (name === 'server') {
			refreshFaults().catch(fail);
			refreshStatus().catch(fail);
		}
	}

	// --- secrets ---------------------------------------------------------------------------------------

	async function loadMounts() {
		const result = await vault('GET', 'sys/mounts');
		const data = (result.body && result.body.data) || result.body || {};
		state.mounts = Object.entries(data)
			.filter(([, mount]) => mount && (mount.type === 'kv' || mount.type === 'generic'))
			.map(([path, mount]) => ({ path, version: (mount.options && mount.options.version === '2') ? 2 : 1 }))
			.sort((a, b) => a.path.localeCompare(b.path));
		const list = $('mounts');
		list.replaceChildren(...state.mounts.map((mount) => el('li', {},
			el('button', { type: 'button', class: 'link', 'data-mount': mount.path,
				onclick: () => openMount(mount).catch(fail) }, mount.path, ' ', el('span', { class: 'tag' }, 'KV v' + mount.version)))));
		if (!state.mount && state.mounts.length) {
			await openMount(state.mounts.find((m) => m.path === 'secret/') || state.mounts[0]);
		}
	}

	async function openMount(mount) {
		state.mount = mount;
		for (const button of document.querySelectorAll('#mounts button')) {
			button.setAttribute('aria-current', String(button.dataset.mount === mount.path));
		}
		await browse('');
	}

	async function browse(prefix) {
		state.prefix = prefix;
		state.secret = null;
		$('secret-view').hidden = true;
		$('browser').hidden = false;
		renderBreadcrumb(prefix, null);
		const mount = state.mount;
		const path = mount.version === 2 ? `${mount.path}metadata/${encodePath(prefix)}` : mount.path + encodePath(prefix);
		const result = await vault('GET', path + '?list=true', undefined, [404]);
		const keys = (result.status === 404 || !result.body || !result.body.data) ? [] : result.body.data.keys;
		const list = $('secret-list');
		if (!keys.length) {
			list.replaceChildren(el('li', { class: 'muted' }, 'No secrets here yet.'));
		}
		else {
			list.replaceChildren(...keys.map((key) => el('li', {},
				el('button', { type: 'button', class: 'link', 'data-key': key,
					onclick: () => (key.endsWith('/') ? browse(prefix + key) : openSecret(prefix + key)).catch(fail) },
				key.endsWith('/') ? '\u{1F4C1} ' : '\u{1F511} ', key))));
		}
		$('new-secret-path').value = prefix;
		if (!$('new-fields').children.length) {
			addFieldRow($('new-fields'), 'new', '', false);
		}
	}

	function renderBreadcrumb(prefix, leaf) {
		const crumbs = [el('button', { type: 'button', class: 'link', onclick: () => browse('').catch(fail) }, state.mount.path)];
		let walked = '';
		for (const part of prefix.split('/').filter(Boolean)) {
			walked += part + '/';
			const target = walked;
			crumbs.push(' / ', el('button', { type: 'button', class: 'link', onclick: () => browse(target).catch(fail) }, part));
		}
		if (leaf) {
			crumbs.push(' / ', el('strong', {}, leaf));
		}
		$('breadcrumb').replaceChildren(...crumbs);
	}

	function addFieldRow(container, kind, key, existing) {
		const index = container.children.length;
		const row = el('div', { class: 'field-row' },
			el('input', { id: `${kind}-field-key-${index}`, 'aria-label': `Field ${index + 1} name`, placeholder: 'name',
				value: key, autocomplete: 'off', class: 'field-key' }),
			el('input', { id: `${kind}-field-value-${index}`, 'aria-label': `Field ${index + 1} value`, type: 'password',
				autocomplete: 'new-password', placeholder: existing ? 'unchanged' : 'value', class: 'field-value' }),
			el('button', { type: 'button', class: 'link', 'aria-label': `Remove field ${index + 1}`,
				onclick: () => row.remove() }, 'Remove'));
		container.append(row);
	}

	function collectFields(container, current) {
		const data = {};
		for (const row of container.querySelectorAll('.field-row')) {
			const key = row.querySelector('.field-key').value.trim();
			const value = row.querySelector('.field-value').value;
			if (!key) {
				continue;
			}
			data[key] = (value === '' && current && Object.prototype.hasOwnProperty.call(current, key)) ? current[key] : value;
		}
		return data;
	}

	async function createSecret(event) {
		event.preventDefault();
		const path = $('new-secret-path').value.trim().replace(/^\/+/, '');
		if (!path || path.endsWith('/')) {
			say('Enter a path that names a secret, e.g. app/db', true);
			return;
		}
		const data = collectFields($('new-fields'), null);
		if (!Object.keys(data).length) {
			say('Add at least one field with a name', true);
			return;
		}
		const mount = state.mount;
		if (mount.version === 2) {
			// check-and-set 0: only if the secret does not exist yet
			await vault('POST', `${mount.path}data/${encodePath(path)}`, { options: { cas: 0 }, data });
		}
		else {
			await vault('POST', mount.path + encodePath(path), data);
		}
		$('new-fields').replaceChildren();
		$('new-secret').open = false;
		say(`Created ${mount.path}${path}`);
		await openSecret(path);
	}

	async function openSecret(path, version) {
		const mount = state.mount;
		const secret = { path, mount, data: null, metadata: null, version: null, versionInfo: null };
		if (mount.version === 2) {
			const meta = await vault('GET', `${mount.path}metadata/${encodePath(path)}`);
			secret.metadata = meta.body.data;
			secret.version = version || secret.metadata.current_version;
			const read = await vault('GET', `${mount.path}data/${encodePath(path)}?version=${secret.version}`, undefined, [404]);
			const body = read.body && read.body.data;
			secret.data = body ? body.data : null;
			secret.versionInfo = (secret.metadata.versions || {})[String(secret.version)] || (body && body.metadata) || {};
		}
		else {
			const read = await vault('GET', mount.path + encodePath(path));
			secret.data = read.body.data;
		}
		state.secret = secret;
		renderSecret(secret);
	}

	function renderSecret(secret) {
		$('browser').hidden = true;
		$('secret-view').hidden = false;
		const slash = secret.path.lastIndexOf('/');
		renderBreadcrumb(slash >= 0 ? secret.path.substring(0, slash + 1) : '', secret.path.substring(slash + 1));
		$('secret-title').textContent = secret.mount.path + secret.path;
		const kv2 = secret.mount.version === 2;
		$('kv2-actions').hidden = !kv2;
		$('kv1-actions').hidden = kv2;
		$('versions').hidden = !kv2;
		$('secret-metadata').hidden = !kv2;
		$('version-select').parentElement.hidden = !kv2;
		if (kv2) {
			const versions = Object.keys(secret.metadata.versions || {}).map(Number).sort((a, b) => b - a);
			$('version-select').replaceChildren(...versions.map((v) => el('option', { value: v, selected: v === secret.version },
				v === secret.metadata.current_version ? `${v} (current)` : String(v))));
			const info = secret.versionInfo || {};
			$('version-state').textContent = info.destroyed ? 'destroyed' : (info.deletion_time ? 'deleted ' + formatTime(info.deletion_time) : '');
			renderMetadata(secret.metadata);
			$('versions').tBodies[0].replaceChildren(...versions.map((v) => {
				const entry = secret.metadata.versions[String(v)];
				return el('tr', { 'data-version': v, 'aria-current': v === secret.version ? 'true' : false },
					el('td', {}, el('button', { type: 'button', class: 'link', onclick: () => openSecret(secret.path, v).catch(fail) }, String(v))),
					el('td', {}, formatTime(entry.created_time)),
					el('td', {}, formatTime(entry.deletion_time)),
					el('td', {}, entry.destroyed ? 'yes' : ''));
			}));
		}
		const rows = Object.entries(secret.data || {}).map(([key, value]) => valueRow(key, value));
		if (!rows.length) {
			rows.push(el('tr', {}, el('td', { colspan: 3, class: 'muted' }, secret.data ? 'No fields.' : 'This version is deleted or destroyed.')));
		}
		$('secret-data').tBodies[0].replaceChildren(...rows);
		const edit = $('edit-fields');
		edit.replaceChildren();
		for (const key of Object.keys(secret.data || {})) {
			addFieldRow(edit, 'edit', key, true);
		}
		if (!edit.children.length) {
			addFieldRow(edit, 'edit', '', false);
		}
	}

	// A value enters the page only when its Show button is clicked.
	function valueRow(key, value) {
		const text = (typeof value === 'string') ? value : JSON.stringify(value);
		const cell = el('td', { class: 'value' }, el('span', { class: 'masked', 'aria-label': 'hidden value' }, '\u2022\u2022\u2022\u2022\u2022\u2022\u2022\u2022'));
		const button = el('button', { type: 'button', class: 'reveal', 'aria-label': `Show value of ${key}`, 'aria-pressed': 'false' }, 'Show');
		button.addEventListener('click', () => {
			const shown = button.getAttribute('aria-pressed') === 'true';
			if (shown) {
				cell.replaceChildren(el('span', { class: 'masked', 'aria-label': 'hidden value' }, '\u2022\u2022\u2022\u2022\u2022\u2022\u2022\u2022'));
			}
			else {
				cell.replaceChildren(el('code', { class: 'secret-value' }, text));
			}
			button.setAttribute('aria-pressed', String(!shown));
			button.setAttribute('aria-label', `${shown ? 'Show' : 'Hide'} value of ${key}`);
			button.textContent = shown ? 'Show' : 'Hide';
		});
		return el('tr', { 'data-field': key }, el('th', { scope: 'row' }, key), cell, el('td', {}, button));
	}

	function renderMetadata(metadata) {
		const rows = [
			['Current version', metadata.current_version],
			['Oldest version', metadata.oldest_version],
			['Created', formatTime(metadata.created_time)],
			['Updated', formatTime(metadata.updated_time)],
			['Max versions', metadata.max_versions || 'unlimited (server default)'],
			['Check-and-set required', metadata.cas_required ? 'yes' : 'no'],
			['Delete version after', metadata.delete_version_after],
			['Custom metadata', metadata.custom_metadata ? JSON.stringify(metadata.custom_metadata) : '']
		];
		$('secret-metadata').tBodies[0].replaceChildren(...rows.map(([name, value]) =>
			el('tr', {}, el('th', { scope: 'row' }, name), el('td', {}, value === undefined ? '' : String(value)))));
	}

	async function writeVersion(event) {
		event.preventDefault();
		const secret = state.secret;
		const data = collectFields($('edit-fields'), secret.data);
		if (!Object.keys(data).length) {
			say('A secret needs at least one field', true);
			return;
		}
		if (secret.mount.version === 2) {
			// check-and-set on the version shown, so a concurrent write is not overwritten unseen
			const result = await vault('POST', `${secret.mount.path}data/${encodePath(secret.path)}`,
				{ options: { cas: secret.metadata.current_version }, data });
			say(`Wrote version ${result.body.data.version} of ${secret.mount.path}${secret.path}`);
		}
		else {
			await vault('POST', secret.mount.path + encodePath(secret.path), data);
			say(`Wrote ${secret.mount.path}${secret.path}`);
		}
		$('write-version').open = false;
		await openSecret(secret.path);
	}

	async function versionAction(action) {
		const secret = state.secret;
		const version = Number($('version-select').value);
		const path = encodePath(secret.path);
		if (action === 'destroy' && !confirm(`Destroy version ${version} of ${secret.mount.path}${secret.path}? Its data cannot be recovered.`)) {
			return;
		}
		if (action === 'destroy') {
			await vault('PUT', `${secret.mount.path}destroy/${path}`, { versions: [version] });
		}
		else {
			await vault('POST', `${secret.mount.path}${action}/${path}`, { versions: [version] });
		}
		say(`${action === 'delete' ? 'Deleted' : action === 'undelete' ? 'Undeleted' : 'Destroyed'} version ${version}`);
		await openSecret(secret.path, version);
	}

	async function deleteAll() {
		const secret = state.secret;
		if (!confirm(`Delete ${secret.mount.path}${secret.path} with all its versions and metadata?`)) {
			return;
		}
		await vault('DELETE', `${secret.mount.path}metadata/${encodePath(secret.path)}`);
		say(`Deleted ${secret.mount.path}${secret.path}`);
		await browse(parentOf(secret.path));
	}

	async function deleteV1() {
		const secret = state.secret;
		if (!confirm(`Delete ${secret.mount.path}${secret.path}?`)) {
			return;
		}
		await vault('DELETE', secret.mount.path + encodePath(secret.path));
		say(`Deleted ${secret.mount.path}${secret.path}`);
		await browse(parentOf(secret.path));
	}

	function parentOf(path) {
		const slash = path.lastIndexOf('/');
		return slash >= 0 ? path.substring(0, slash + 1) : '';
	}

	// --- request log -----------------------------------------------------------------------------------

	async function refreshLog() {
		if (state.logRefreshing) {
			return;
		}
		state.logRefreshing = true;
		try {
			const log = await devApi('GET', 'requests?limit=500');
			const filter = $('log-filter').value.trim();
			// re-render only on a change, so rows stay put under the pointer and text can be selected
			const rendered = JSON.stringify(log) + '\n' + filter;
			if (rendered === state.logRendered) {
				return;
			}
			state.logRendered = rendered;
			const entries = log.entries.filter((entry) => !filter || [entry.path, entry.caller, entry.user_agent, entry.policies.join(' ')]
				.some((text) => text.toLowerCase().includes(filter.toLowerCase()))).reverse();
			$('log-count').textContent = `${log.total} requests`;
			$('request-log').tBodies[0].replaceChildren(...entries.map((entry) => el('tr',
				{ 'data-method': entry.method, 'data-path': entry.path, 'data-status': entry.status, 'data-caller': entry.caller },
				el('td', { title: entry.time }, formatTime(entry.time)),
				el('td', {}, entry.method),
				el('td', { class: 'path' }, (entry.namespace ? entry.namespace + ' | ' : '') + entry.path),
				el('td', { class: entry.status >= 400 || entry.status < 0 ? 'bad' : 'good' }, entry.status < 0 ? 'dropped' : String(entry.status)),
				el('td', { class: 'caller' }, entry.caller || '(no token)'),
				el('td', {}, entry.policies.join(', ')),
				el('td', { class: 'agent', title: entry.user_agent }, shortAgent(entry.user_agent)))));
		}
		finally {
			state.logRefreshing = false;
		}
	}

	function shortAgent(agent) {
		if (!agent) {
			return '';
		}
		const browser = /(Chrome|Firefox|Safari|Edg)\/[\d.]+/.exec(agent);
		if (agent.startsWith('Mozilla/') && browser) {
			return 'browser (' + browser[0] + ')';
		}
		return agent.length > 48 ? agent.substring(0, 47) + '\u2026' : agent;
	}

	// --- server: seal, clock, tokens, faults ------------------------------------------------------------

	async function refreshStatus() {
		const seal = await vault('GET', 'sys/seal-status', undefined, [503]);
		const sealed = !!(seal.body && seal.body.sealed);
		$('seal-status').textContent = sealed ? 'sealed' : 'unsealed';
		$('seal-status').className = 'badge ' + (sealed ? 'bad' : 'good');
		$('seal-state').textContent = sealed ? 'sealed' : 'unsealed';
		const clock = await devApi('GET', 'clock');
		$('clock-time').textContent = formatTime(clock.time);
		$('clock-status').textContent = 'server time ' + formatTime(clock.time);
		$('clock-offset').textContent = Math.abs(clock.offset_seconds) >= 1 ? `(${clock.offset_seconds >= 0 ? '+' : ''}${clock.offset_seconds}s from real time)` : '(real time)';
	}

	async function refreshFaults() {
		const faults = await devApi('GET', 'faults');
		const rendered = JSON.stringify(faults);
		if (rendered === state.faultsRendered) {
			return;
		}
		state.faultsRendered = rendered;
		$('faults').tBodies[0].replaceChildren(...faults.rules.map((rule) => el('tr', { 'data-fault': rule.id },
			el('td', {}, describeFault(rule)),
			el('td', { class: 'path' }, rule.path || '(all)'),
			el('td', {}, rule.remaining < 0 ? 'until removed' : String(rule.remaining)),
			el('td', {}, String(rule.hits)),
			el('td', {}, el('button', { type: 'button', 'aria-label': `Switch fault ${rule.id} off`,
				onclick: () => devApi('DELETE', 'faults/' + rule.id).then(refreshFaults).catch(fail) }, 'Switch off')))));
		if (!faults.rules.length) {
			$('faults').tBodies[0].replaceChildren(el('tr', {}, el('td', { colspan: 5, class: 'muted' }, 'No faults from the console.')));
		}
		$('other-faults').textContent = faults.other_rules > 0 ? `${faults.other_rules} more set from code.` : '';
	}

	function describeFault(rule) {
		switch (rule.type) {
			case 'fail': return `fail ${rule.status}${rule.error ? ' "' + rule.error + '"' : ''}`;
			case 'rate-limit': return `rate limit 429${rule.duration ? ', Retry-After ' + rule.duration : ''}`;
			case 'delay': return `delay ${rule.duration}`;
			default: return rule.type;
		}
	}

	async function addFault(event) {
		event.preventDefault();
		const count = $('fault-count').value.trim();
		await devApi('POST', 'faults', {
			type: $('fault-type').value,
			path: $('fault-path').value.trim(),
			count: count ? Number(count) : -1,
			status: Number($('fault-status').value || 503),
			error: $('fault-error').value,
			duration: $('fault-duration').value.trim()
		});
		say('Fault switched on');
		await refreshFaults();
	}

	// --- polling ---------------------------------------------------------------------------------------

	function startPolling() {
		clearTimeout(state.poll);
		let tick = 0;
		const run = async () => {
			if (!state.token) {
				return;
			}
			try {
				if (tick % 3 === 0) {
					await refreshStatus();
				}
				if (!$('panel-requests').hidden && $('live').checked) {
					await refreshLog();
				}
				if (!$('panel-server').hidden) {
					await refreshFaults();
				}
			}
			catch (error) {
				// the next tick tries again; a sealed or faulted server is worth showing
				fail(error);
			}
			tick++;
			state.poll = setTimeout(run, 1000);
		};
		run();
	}

	// --- wiring ----------------------------------------------------------------------------------------

	function on(id, event, handler) {
		$(id).addEventListener(event, (e) => {
			Promise.resolve(handler(e)).catch(fail);
		});
	}

	document.addEventListener('DOMContentLoaded', () => {
		on('login-form', 'submit', (e) => {
			e.preventDefault();
			return signIn($('token').value.trim());
		});
		on('sign-out', 'click', signOut);
		on('tab-secrets', 'click', () => showTab('secrets'));
		on('tab-requests', 'click', () => showTab('requests'));
		on('tab-server', 'click', () => showTab('server'));
		on('create-form', 'submit', createSecret);
		on('add-new-field', 'click', () => addFieldRow($('new-fields'), 'new', '', false));
		on('edit-form', 'submit', writeVersion);
		on('add-edit-field', 'click', () => addFieldRow($('edit-fields'), 'edit', '', false));
		on('version-select', 'change', () => openSecret(state.secret.path, Number($('version-select').value)));
		on('delete-version', 'click', () => versionAction('delete'));
		on('undelete-version', 'click', () => versionAction('undelete'));
		on('destroy-version', 'click', () => versionAction('destroy'));
		on('delete-all', 'click', deleteAll);
		on('delete-secret', 'click', deleteV1);
		on('log-filter', 'input', refreshLog);
		on('clear-log', 'click', async () => {
			await devApi('DELETE', 'requests');
			await refreshLog();
		});
		on('seal', 'click', async () => {
			await vault('PUT', 'sys/seal');
			say('Sealed: every request now answers 503 until unsealed');
			await refreshStatus();
		});
		on('unseal-form', 'submit', async (e) => {
			e.preventDefault();
			const key = $('unseal-key').value.trim();
			if (!key) {
				say('Enter an unseal key (any hex or base64 key unseals this dev server)', true);
				return;
			}
			await vault('PUT', 'sys/unseal', { key });
			say('Unsealed');
			await refreshStatus();
		});
		on('advance-form', 'submit', async (e) => {
			e.preventDefault();
			const clock = await devApi('POST', 'clock/advance', { duration: $('advance-by').value.trim() });
			say('Server time is now ' + formatTime(clock.time));
			await refreshStatus();
		});
		on('clock-reset', 'click', async () => {
			await devApi('POST', 'clock/reset');
			say('The server clock follows real time again');
			await refreshStatus();
		});
		on('revoke-tokens', 'click', async () => {
			if (!confirm('Revoke every token except the root token?')) {
				return;
			}
			await devApi('POST', 'tokens/revoke-all');
			say('Revoked every token but the root token');
		});
		on('fault-form', 'submit', addFault);
		on('clear-faults', 'click', async () => {
			await devApi('DELETE', 'faults');
			say('Every fault is off');
			await refreshFaults();
		});

		const hash = new URLSearchParams(location.hash.substring(1));
		const fromLink = hash.get('token');
		if (fromLink) {
			// keep the token out of the address bar and the history
			history.replaceState(null, '', location.pathname + location.search);
		}
		const token = fromLink || sessionStorage.getItem(TOKEN_KEY);
		if (token) {
			signIn(token).catch(fail);
		}
		else {
			$('token').focus();
		}
	});
})();
