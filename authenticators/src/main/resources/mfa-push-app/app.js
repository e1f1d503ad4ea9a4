// The companion app of the mfa-push device protocol (docs/developer.md): enrols this device with a
// non-extractable ECDSA P-256 key, polls for sign-in requests and answers them with device-signed JWS.
// Plain browser JavaScript, no build step, no third-party code (CSP: 'self' only).
'use strict';

(() => {
  const DB_NAME = 'mfa-push';
  const STORE = 'enrolments';
  const POLL_MS = 3000;
  const RESULT_SHOWN_MS = 15000;
  const ECDSA = { name: 'ECDSA', namedCurve: 'P-256' };
  const ES256 = { name: 'ECDSA', hash: 'SHA-256' };

  let texts = {};
  // origins of the Keycloak servers this app may enrol with: its own, or those its config.json names when the
  // app is served from a host name of its own (the production set-up: no Keycloak page shares its origin)
  let servers = [location.origin];
  let lang = 'en';
  let polling = null;
  const cards = new Map(); // "<enrolment id>|<challenge id>" -> { li, enrolment, challenge, answered }
  const problems = new Map(); // enrolment id -> error code of its last poll
  const clockSkew = new Map(); // origin -> ms the server's clock is ahead of ours (only when it matters)

  // ---- where the app belongs ----

  async function loadServers() {
    try {
      const response = await fetch('config.json', { cache: 'no-cache', credentials: 'omit' });
      if (!response.ok) return; // served by Keycloak itself: its own origin
      const listed = (await response.json()).servers;
      if (Array.isArray(listed) && listed.length) servers = listed.map((url) => new URL(url).origin);
    } catch (e) {
      // no or broken config.json: its own origin only
    }
  }

  // ---- texts ----

  function pickLanguage(preferred, available) {
    for (const tag of preferred) {
      const primary = String(tag || '').toLowerCase().split('-')[0];
      if (available.includes(primary)) return primary;
    }
    return 'en';
  }

  async function loadTexts() {
    const all = await (await fetch('i18n.json', { cache: 'no-cache' })).json();
    lang = pickLanguage(navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language], Object.keys(all));
    texts = all[lang];
    document.documentElement.lang = lang;
  }

  function t(key, ...args) {
    let text = texts[key] !== undefined ? texts[key] : key;
    args.forEach((arg, i) => { text = text.split('{' + i + '}').join(String(arg)); });
    return text;
  }

  function translate(root) {
    root.querySelectorAll('[data-i18n]').forEach((el) => { el.textContent = t(el.dataset.i18n); });
  }

  // ---- encoding and JOSE ----

  function b64encode(bytes) {
    let binary = '';
    bytes.forEach((b) => { binary += String.fromCharCode(b); });
    return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }

  function b64decode(text) {
    const base64 = text.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((text.length + 3) % 4);
    return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  }

  const b64json = (value) => b64encode(new TextEncoder().encode(JSON.stringify(value)));
  const randomId = () => b64encode(crypto.getRandomValues(new Uint8Array(16))); // 128 bits

  // WebCrypto's ECDSA signature is already R||S (64 bytes), the JOSE form of ES256.
  async function signJws(header, payload, privateKey) {
    const input = b64json(header) + '.' + b64json(payload);
    const signature = await crypto.subtle.sign(ES256, privateKey, new TextEncoder().encode(input));
    return input + '.' + b64encode(new Uint8Array(signature));
  }

  // The private key is never extractable; WebCrypto always leaves the public half exportable.
  async function newKey() {
    const pair = await crypto.subtle.generateKey(ECDSA, false, ['sign', 'verify']);
    const jwk = await crypto.subtle.exportKey('jwk', pair.publicKey);
    return { privateKey: pair.privateKey, publicKey: pair.publicKey, jwk: { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y } };
  }

  // A link cut short or mangled in copying is not a token at all: say so, not "expired".
  function readJwtPayload(token) {
    const parts = token.split('.');
    if (parts.length !== 3 || parts.some((part) => !/^[A-Za-z0-9_-]+$/.test(part))) throw new ApiError(400, 'damaged_link');
    try {
      const claims = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(b64decode(parts[1])));
      if (claims && typeof claims === 'object') return claims;
    } catch (e) {
      // below
    }
    throw new ApiError(400, 'damaged_link');
  }

  // ---- storage (IndexedDB keeps CryptoKey objects without exposing the private key) ----

  function openDb() {
    return new Promise((resolve, reject) => {
      const request = indexedDB.open(DB_NAME, 1);
      request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: 'id' });
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  }

  async function inStore(mode, action) {
    const db = await openDb();
    return new Promise((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const request = action(tx.objectStore(STORE));
      tx.oncomplete = () => { db.close(); resolve(request.result); };
      tx.onerror = tx.onabort = () => { db.close(); reject(tx.error); };
    });
  }

  const store = {
    all: () => inStore('readonly', (s) => s.getAll()),
    put: (record) => inStore('readwrite', (s) => s.put(record)),
    remove: (id) => inStore('readwrite', (s) => s.delete(id)),
  };

  // ---- HTTP ----

  class ApiError extends Error {
    constructor(status, code, description) {
      super(code || 'http_' + status);
      this.status = status;
      this.code = code || 'http_' + status;
      this.description = description;
    }
  }

  function serverNow(url) {
    return Math.floor((Date.now() + (clockSkew.get(new URL(url).origin) || 0)) / 1000);
  }

  // DPoP proofs carry iat; a phone whose clock is off by minutes would be refused, so follow the server's Date.
  function noteServerTime(url, response) {
    const date = Date.parse(response.headers.get('Date') || '');
    if (Number.isNaN(date)) return;
    const skew = date - Date.now();
    clockSkew.set(new URL(url).origin, Math.abs(skew) > 5000 ? skew : 0);
  }

  async function dpopProof(enrolment, method, url) {
    const target = new URL(url);
    target.search = '';
    target.hash = '';
    return signJws({ typ: 'dpop+jwt', alg: 'ES256', jwk: enrolment.jwk },
      { jti: randomId(), htm: method, htu: target.href, iat: serverNow(url) }, enrolment.privateKey);
  }

  async function call(method, url, { enrolment, headers = {}, body, retried = false } = {}) {
    const sent = Object.assign({ Accept: 'application/json' }, headers);
    if (enrolment) sent.DPoP = await dpopProof(enrolment, method, url);
    let response;
    try {
      response = await fetch(url, { method, headers: sent, body, cache: 'no-store', credentials: 'omit' });
    } catch (e) {
      throw new ApiError(0, 'network');
    }
    const skewBefore = clockSkew.get(new URL(url).origin) || 0;
    noteServerTime(url, response);
    const text = response.status === 204 ? '' : await response.text();
    let data = null;
    try { data = text ? JSON.parse(text) : null; } catch (e) { data = null; }
    if (response.ok) return data;
    const error = new ApiError(response.status, data && data.error, data && data.error_description);
    // a proof refused for its time is worth one retry once the server's clock is known
    if (error.code === 'invalid_dpop_proof' && enrolment && !retried && (clockSkew.get(new URL(url).origin) || 0) !== skewBefore) {
      return call(method, url, { enrolment, headers, body, retried: true });
    }
    throw error;
  }

  function describe(error) {
    switch (error && error.code) {
      case 'invalid_token': return t('err_invalid_token');
      case 'damaged_link': return t('err_damaged_link');
      case 'other_server': return t('err_other_server', error.description || '?');
      case 'network': return t('err_network');
      case 'unknown_device': return t('err_unknown_device');
      default: return t('err_generic', (error && (error.description || error.code || error.message)) || '?');
    }
  }

  // ---- device facts sent at enrolment (shown to the user in the Account Console) ----

  function platform() {
    const ua = navigator.userAgent;
    if (/Android/i.test(ua)) return 'android';
    if (/iPhone|iPad|iPod/.test(ua) || (/Macintosh/.test(ua) && navigator.maxTouchPoints > 1)) return 'ios';
    return 'web';
  }

  function deviceName() {
    const ua = navigator.userAgent;
    const browser = /Edg\//.test(ua) ? 'Edge' : /Firefox\//.test(ua) ? 'Firefox'
      : /Chrom(e|ium)\//.test(ua) ? 'Chrome' : /Safari\//.test(ua) ? 'Safari' : 'Browser';
    const os = /Android/.test(ua) ? 'Android' : /iPhone|iPad|iPod/.test(ua) ? 'iOS' : /Mac OS X/.test(ua) ? 'macOS'
      : /Windows/.test(ua) ? 'Windows' : /CrOS/.test(ua) ? 'ChromeOS' : /Linux/.test(ua) ? 'Linux' : '';
    return os ? browser + ' (' + os + ')' : browser;
  }

  // ---- Web Push (optional: polling always works) ----

  function withTimeout(promise, ms) {
    return Promise.race([promise, new Promise((resolve) => setTimeout(() => resolve(null), ms))]);
  }

  async function pushSubscription(vapidKey) {
    if (!vapidKey || !('serviceWorker' in navigator) || !('PushManager' in window) || !('Notification' in window)) return null;
    try {
      return await withTimeout((async () => {
        const registration = await navigator.serviceWorker.ready;
        if (Notification.permission === 'default') await Notification.requestPermission();
        if (Notification.permission !== 'granted') return null;
        const subscription = await registration.pushManager.getSubscription()
          || await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: b64decode(vapidKey) });
        return {
          kind: 'webpush',
          endpoint: subscription.endpoint,
          p256dh: b64encode(new Uint8Array(subscription.getKey('p256dh'))),
          auth: b64encode(new Uint8Array(subscription.getKey('auth'))),
        };
      })(), 5000);
    } catch (e) {
      return null; // no push service reachable, or refused: the app polls instead
    }
  }

  // B of the app the user is looking at: ".../mfa-push/app/" -> ".../mfa-push"
  function currentBase() {
    return location.origin + location.pathname.replace(/\/app\/.*$/, '');
  }

  async function turnOnNotifications() {
    // served by Keycloak, the app subscribes for its own realm; on a host of its own, for all its accounts
    const enrolments = (await store.all()).filter((e) => !e.removed
      && (e.base === currentBase() || new URL(e.base).origin !== location.origin));
    let subscribed = false;
    for (const enrolment of enrolments) {
      try {
        const config = await call('GET', enrolment.base + '/config');
        const push = await pushSubscription(config.vapid_public_key);
        if (!push) break;
        await call('PUT', enrolment.api + '/push', { enrolment, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(push) });
        subscribed = true;
      } catch (error) {
        showStatus(describe(error), 'error');
        return;
      }
    }
    renderNotifyState(subscribed);
  }

  function renderNotifyState(justSubscribed) {
    const button = document.getElementById('notify-button');
    const state = document.getElementById('notify-state');
    const supported = 'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window;
    const granted = supported && Notification.permission === 'granted';
    button.hidden = !supported || granted || Notification.permission === 'denied';
    state.textContent = granted || justSubscribed ? t('notifications_enabled')
      : !supported || Notification.permission === 'denied' ? t('notifications_unavailable') : '';
  }

  // ---- enrolment ----

  async function enrol(token) {
    const claims = readJwtPayload(token);
    const base = [].concat(claims.aud || []).find((aud) => typeof aud === 'string' && /^https?:\/\/[^/]+\/.*\/mfa-push$/.test(aud));
    if (!base) throw new ApiError(400, 'damaged_link');
    // only the servers this app belongs to: a link cannot make the app send keys or answers to another site
    if (!servers.includes(new URL(base).origin)) throw new ApiError(400, 'other_server', new URL(base).host);
    const config = await call('GET', base + '/config');
    const key = await newKey();
    const push = await pushSubscription(config.vapid_public_key);
    const payload = { token, name: deviceName(), platform: platform(), iat: serverNow(base) };
    if (push) payload.push = push;
    const body = await signJws({ alg: 'ES256', typ: 'mfa-push-enroll+jwt', jwk: key.jwk }, payload, key.privateKey);
    const answer = await call('POST', base + '/enroll', { headers: { 'Content-Type': 'application/jose' }, body });
    const api = typeof answer.api === 'string' && answer.api.startsWith(base + '/devices/')
      ? answer.api : base + '/devices/' + encodeURIComponent(answer.device_id);
    const record = {
      id: base + '|' + answer.device_id,
      base,
      api,
      deviceId: answer.device_id,
      realm: answer.realm || config.realm,
      displayName: answer.display_name || config.display_name || claims.realm_name || config.realm,
      name: payload.name,
      enrolledAt: Date.now(),
      privateKey: key.privateKey,
      publicKey: key.publicKey,
      jwk: key.jwk,
    };
    await store.put(record);
    return record;
  }

  // The link's fragment as it was copied: percent-escapes undone, or a damaged link.
  function tokenOf(raw) {
    try {
      return decodeURIComponent(raw);
    } catch (e) {
      throw new ApiError(400, 'damaged_link');
    }
  }

  async function enrolAndSay(raw) {
    showStatus(t('enrolling'), 'info');
    try {
      const record = await enrol(tokenOf(raw));
      showStatus(t('enrolled', record.displayName), 'ok');
      return true;
    } catch (error) {
      showStatus(t('enrol_failed', describe(error)), 'error');
      return false;
    }
  }

  // A pasted link: for a home-screen app whose storage the browser that opened the link does not share (iOS).
  async function enrolFromForm(event) {
    event.preventDefault();
    const input = document.getElementById('enrol-link');
    const link = /#enroll=([^&\s]+)/.exec(input.value.trim());
    if (!link) {
      input.setAttribute('aria-invalid', 'true');
      showStatus(t('enrol_link_invalid'), 'error');
      input.focus();
      return;
    }
    input.removeAttribute('aria-invalid');
    if (await enrolAndSay(link[1])) {
      input.value = '';
      await renderSettings();
    }
  }

  // ---- requests ----

  function cardKey(enrolment, challenge) {
    return enrolment.id + '|' + challenge.id;
  }

  function formatTime(seconds) {
    return new Intl.DateTimeFormat(lang, { hour: 'numeric', minute: '2-digit' }).format(new Date(seconds * 1000));
  }

  function newCard(enrolment, challenge) {
    const li = document.getElementById('request-template').content.firstElementChild.cloneNode(true);
    translate(li);
    li.dataset.challenge = challenge.id;
    const titleId = 'request-' + randomId();
    const title = li.querySelector('.request-title');
    title.id = titleId;
    title.textContent = t('request_for', enrolment.displayName);
    li.setAttribute('aria-labelledby', titleId);
    li.querySelector('.client').textContent = challenge.client || t('unknown');
    li.querySelector('.ip').textContent = challenge.ip || t('unknown');
    li.querySelector('.browser').textContent = t('browser_on_os', challenge.browser || t('unknown'), challenge.os || t('unknown'));
    li.querySelector('.time').textContent = challenge.created ? formatTime(challenge.created) : t('unknown');
    const numbers = li.querySelector('.numbers');
    numbers.setAttribute('aria-label', t('pick_number'));
    // "type" (the default; also a server that names no mode): the user types the number, nothing is offered
    const typing = challenge.number_matching !== 'choose' || !(challenge.number_choices || []).length;
    li.dataset.numberMatching = typing ? 'type' : 'choose';
    if (typing) {
      li.querySelector('.pick').textContent = t('type_prompt');
      numbers.hidden = true;
      const form = li.querySelector('.typed-form');
      li.querySelector('.typed').replaceWith(form);
      form.classList.add('primary-form');
    }
    for (const n of typing ? [] : challenge.number_choices) {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'number';
      button.dataset.number = String(n);
      button.textContent = String(n);
      button.setAttribute('aria-label', t('number_button', n));
      button.addEventListener('click', () => answer(li, 'approve', n));
      numbers.appendChild(button);
    }
    const input = li.querySelector('.typed-number');
    input.id = 'typed-' + randomId();
    li.querySelector('.typed-form').addEventListener('submit', (event) => {
      event.preventDefault();
      const typed = input.value.trim();
      if (!(typing ? /^[0-9]{2}$/ : /^[0-9]{1,3}$/).test(typed)) {
        input.setAttribute('aria-invalid', 'true');
        showResult(li, t('number_invalid'), 'error', false);
        input.focus();
        return;
      }
      answer(li, 'approve', Number(typed));
    });
    li.querySelector('.deny').addEventListener('click', () => answer(li, 'deny'));
    li.querySelector('.report').addEventListener('click', () => answer(li, 'report'));
    return li;
  }

  function tickExpiry() {
    for (const card of cards.values()) {
      if (card.answered) continue;
      const left = (card.challenge.expires || 0) - serverNow(card.enrolment.base);
      card.li.querySelector('.expires').textContent = t('expires_in', Math.max(0, left));
      if (left <= 0) showResult(card.li, t('result_gone'), 'info', true);
    }
  }

  function showResult(li, text, kind, final) {
    const result = li.querySelector('.result');
    result.textContent = text;
    result.className = 'result ' + kind;
    result.hidden = false;
    if (!final) return;
    const card = [...cards.values()].find((c) => c.li === li);
    if (card) card.answered = Date.now();
    li.classList.add('answered');
    li.querySelectorAll('.pick, .numbers, .typed, .typed-form, .actions, .expires').forEach((el) => { el.hidden = true; });
    result.tabIndex = -1;
    result.focus();
  }

  const RESULTS = {
    approved: ['result_approved', 'ok'],
    denied: ['result_denied', 'info'],
    reported: ['result_reported', 'info'],
    wrong_number: ['result_wrong_number', 'error'],
  };

  async function answer(li, action, number) {
    const card = [...cards.values()].find((c) => c.li === li);
    if (!card || card.answered || li.classList.contains('busy')) return;
    li.classList.add('busy');
    li.querySelectorAll('button, input').forEach((el) => { el.disabled = true; });
    const { enrolment, challenge } = card;
    const payload = { challenge: challenge.id, action, iat: serverNow(enrolment.base), jti: randomId() };
    if (action === 'approve') payload.number = number;
    try {
      const body = await signJws({ alg: 'ES256', typ: 'mfa-push-answer+jwt' }, payload, enrolment.privateKey);
      const reply = await call('POST', enrolment.api + '/challenges/' + encodeURIComponent(challenge.id),
        { enrolment, headers: { 'Content-Type': 'application/jose' }, body });
      const [key, kind] = RESULTS[reply && reply.result] || ['err_generic', 'error'];
      li.dataset.result = reply && reply.result;
      showResult(li, t(key, reply && reply.result), kind, true);
    } catch (error) {
      li.dataset.result = error.code;
      if (error.code === 'challenge_not_found') showResult(li, t('result_gone'), 'info', true);
      else if (error.code === 'already_answered') showResult(li, t('result_already'), 'info', true);
      else if (error.code === 'unknown_device') {
        showResult(li, t('err_unknown_device'), 'error', true);
        problems.set(enrolment.id, error.code);
        renderProblems(await store.all());
      } else {
        // a network failure or a refused proof: the request may still be answered
        li.querySelectorAll('button, input').forEach((el) => { el.disabled = false; });
        showResult(li, describe(error), 'error', false);
      }
    } finally {
      li.classList.remove('busy');
    }
  }

  async function poll() {
    if (polling) return polling;
    polling = (async () => {
      const enrolments = await store.all();
      const live = new Set();
      let networkDown = false;
      await Promise.all(enrolments.map(async (enrolment) => {
        try {
          const data = await call('GET', enrolment.api + '/challenges', { enrolment });
          problems.delete(enrolment.id);
          for (const challenge of (data && data.challenges) || []) {
            const key = cardKey(enrolment, challenge);
            live.add(key);
            if (!cards.has(key)) {
              const li = newCard(enrolment, challenge);
              cards.set(key, { li, enrolment, challenge, answered: 0 });
              document.getElementById('request-list').appendChild(li);
            }
          }
        } catch (error) {
          if (error.code === 'network') networkDown = true;
          else problems.set(enrolment.id, error.code);
          // keep what is shown: the requests may still be open
          for (const key of cards.keys()) if (key.startsWith(enrolment.id + '|')) live.add(key);
        }
      }));
      for (const [key, card] of cards) {
        const resultExpired = card.answered && Date.now() - card.answered > RESULT_SHOWN_MS;
        if ((!live.has(key) && !card.answered) || resultExpired) {
          card.li.remove();
          cards.delete(key);
        }
      }
      if (networkDown) showStatus(t('err_network'), 'error');
      else if (document.getElementById('status').dataset.kind === 'network') hideStatus();
      if (networkDown) document.getElementById('status').dataset.kind = 'network';
      renderProblems(enrolments);
      renderEmpty(enrolments);
      tickExpiry();
    })();
    try {
      await polling;
    } finally {
      polling = null;
    }
  }

  function renderEmpty(enrolments) {
    document.getElementById('not-enrolled').hidden = enrolments.length > 0;
    // "no requests" only when some account could be asked; a removed device says so in its own card
    const healthy = enrolments.filter((e) => problems.get(e.id) !== 'unknown_device').length;
    document.getElementById('no-requests').hidden = healthy === 0 || cards.size > 0;
  }

  function renderProblems(enrolments) {
    const list = document.getElementById('problem-list');
    list.replaceChildren();
    for (const enrolment of enrolments) {
      const code = problems.get(enrolment.id);
      if (!code) continue;
      const li = document.createElement('li');
      li.className = 'card problem';
      const title = document.createElement('h3');
      title.textContent = enrolment.displayName;
      const text = document.createElement('p');
      text.textContent = describe({ code });
      li.append(title, text);
      if (code === 'unknown_device') {
        const button = document.createElement('button');
        button.type = 'button';
        button.className = 'secondary';
        button.textContent = t('remove');
        button.addEventListener('click', () => forget(enrolment));
        li.append(button);
      }
      list.append(li);
    }
  }

  // ---- settings ----

  async function forget(enrolment) {
    await store.remove(enrolment.id);
    problems.delete(enrolment.id);
    for (const [key, card] of cards) {
      if (key.startsWith(enrolment.id + '|')) { card.li.remove(); cards.delete(key); }
    }
    showStatus(t('removed', enrolment.displayName), 'ok');
    await renderSettings();
    await poll();
  }

  async function remove(enrolment) {
    try {
      await call('DELETE', enrolment.api, { enrolment });
    } catch (error) {
      if (error.code !== 'unknown_device') { showStatus(describe(error), 'error'); return; }
    }
    await forget(enrolment);
  }

  async function rotate(enrolment) {
    try {
      const key = await newKey();
      const body = await signJws({ alg: 'ES256', typ: 'mfa-push-key+jwt', jwk: key.jwk },
        { device_id: enrolment.deviceId, iat: serverNow(enrolment.base), jti: randomId() }, key.privateKey);
      await call('PUT', enrolment.api + '/key', { enrolment, headers: { 'Content-Type': 'application/jose' }, body });
      await store.put(Object.assign(enrolment, { privateKey: key.privateKey, publicKey: key.publicKey, jwk: key.jwk }));
      showStatus(t('rotated', enrolment.displayName), 'ok');
    } catch (error) {
      showStatus(describe(error), 'error');
    }
  }

  async function renderSettings() {
    const list = document.getElementById('enrolment-list');
    list.replaceChildren();
    const enrolments = await store.all();
    for (const enrolment of enrolments) {
      const li = document.getElementById('enrolment-template').content.firstElementChild.cloneNode(true);
      translate(li);
      li.dataset.device = enrolment.deviceId;
      li.querySelector('.enrolment-name').textContent = enrolment.displayName;
      const base = new URL(enrolment.base);
      li.querySelector('.enrolment-server').textContent = t('server') + ': ' + base.host + ' · ' + (enrolment.realm || '');
      li.querySelector('.enrolment-date').textContent = t('enrolled_on',
        new Intl.DateTimeFormat(lang, { dateStyle: 'medium' }).format(new Date(enrolment.enrolledAt)));
      li.querySelector('.rotate').addEventListener('click', () => rotate(enrolment));
      li.querySelector('.remove').addEventListener('click', () => remove(enrolment));
      list.append(li);
    }
    document.getElementById('settings-empty').hidden = enrolments.length > 0;
    renderNotifyState(false);
  }

  function showSettings(open) {
    document.getElementById('settings').hidden = !open;
    document.getElementById('requests').hidden = open;
    const toggle = document.getElementById('settings-toggle');
    toggle.setAttribute('aria-expanded', String(open));
    toggle.textContent = open ? t('back') : t('settings');
    if (open) renderSettings().then(() => document.getElementById('settings-heading').focus());
    else poll().then(() => document.getElementById('requests-heading').focus());
  }

  // ---- status line ----

  function showStatus(text, kind) {
    const status = document.getElementById('status');
    status.textContent = text;
    status.className = 'status ' + kind;
    status.dataset.kind = kind;
    status.hidden = false;
  }

  function hideStatus() {
    const status = document.getElementById('status');
    status.hidden = true;
    status.textContent = '';
    status.dataset.kind = '';
  }

  // ---- start ----

  async function start() {
    await Promise.all([loadTexts(), loadServers()]);
    translate(document);
    document.getElementById('settings-toggle').addEventListener('click', () =>
      showSettings(document.getElementById('settings').hidden));
    document.getElementById('notify-button').addEventListener('click', turnOnNotifications);
    if ('serviceWorker' in navigator) {
      navigator.serviceWorker.register('sw.js').catch(() => {});
      navigator.serviceWorker.addEventListener('message', (event) => {
        if (event.data && event.data.type === 'mfa-push-challenge') poll();
      });
    }
    if (!window.isSecureContext || !window.crypto || !crypto.subtle || !window.indexedDB) {
      showStatus(t('err_no_crypto'), 'error');
      document.body.dataset.ready = 'true';
      return;
    }
    document.getElementById('enrol-form').addEventListener('submit', enrolFromForm);
    const enrolLink = /^#enroll=([^&]+)/.exec(location.hash);
    if (enrolLink) {
      // the token is single use: never leave it in the address bar or history
      history.replaceState(null, '', location.pathname + location.search);
      await enrolAndSay(enrolLink[1]);
    }
    await poll();
    document.body.dataset.ready = 'true';
    setInterval(() => { if (document.visibilityState === 'visible') poll(); }, POLL_MS);
    setInterval(tickExpiry, 1000);
    document.addEventListener('visibilitychange', () => { if (document.visibilityState === 'visible') poll(); });
  }

  start();
})();
