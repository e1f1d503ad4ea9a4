// The MFA Suite admin console: sign-in (keycloak-js, authorization code + PKCE S256), realm choice, layout, nav,
// hash router, i18n and the ctx every page module gets (see the page module contract in docs/developer.md).

const CLIENT_ID = 'mfa-admin-console';
const LANGUAGES = { en: 'English', sv: 'Svenska', nl: 'Nederlands', de: 'Deutsch' };
const LANG_KEY = 'mfa-admin:lang';
const ROUTE_KEY = 'mfa-admin:route';
/** The pages, in nav order; visible/titleKey here are used only when a module fails to load. */
const PAGES = [
  { id: 'overview', titleKey: 'nav.overview', visible: p => p.viewEvents },
  { id: 'sign-ins', titleKey: 'nav.signIns', visible: p => p.viewEvents },
  { id: 'policies', titleKey: 'nav.policies', visible: p => p.viewRealm },
  { id: 'users', titleKey: 'nav.users', visible: p => p.viewUsers },
  { id: 'tokens', titleKey: 'nav.tokens', visible: p => p.viewUsers },
  { id: 'fraud', titleKey: 'nav.fraud', visible: p => p.viewEvents || p.viewRealm },
  { id: 'imports', titleKey: 'nav.imports', visible: p => p.manageUsers },
];

const body = document.body;
const signInRealm = body.dataset.realm;
const serverUrl = body.dataset.serverUrl;
const serverPath = new URL(serverUrl, location.href).pathname.replace(/\/$/, '');
const appUrl = location.origin + location.pathname;

const state = {
  kc: null,
  realm: signInRealm,
  lang: 'en',
  perms: null,
  me: null,
  dicts: {},
  modules: {},       // id → module or {failed: error}
  realms: null,      // master only: the realms this admin may open
};

export class ApiError extends Error {
  constructor(status, error, description, body) {
    super(description || error || ('HTTP ' + status));
    this.status = status;
    this.error = error;
    this.description = description;
    this.body = body;
  }
}

// ---------- helpers for pages ----------

export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) {
      continue;
    }
    if (key === 'style') {
      throw new Error('no style attributes (CSP): use a class');
    } else if (key === 'class') {
      el.className = Array.isArray(value) ? value.filter(Boolean).join(' ') : value;
    } else if (key === 'text') {
      el.textContent = value;
    } else if (key === 'dataset') {
      Object.assign(el.dataset, value);
    } else if (key.startsWith('on') && typeof value === 'function') {
      el.addEventListener(key.slice(2).toLowerCase(), value);
    } else if (key === 'value' && (tag === 'select' || tag === 'textarea')) {
      el.value = value;
    } else if (key === 'checked' || key === 'selected' || key === 'disabled' || key === 'hidden' || key === 'required') {
      el[key] = Boolean(value);
    } else {
      el.setAttribute(key, value === true ? '' : String(value));
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) {
      continue;
    }
    if (Array.isArray(child)) {
      append(el, child);
    } else {
      el.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
  }
}

function t(key, ...args) {
  const text = state.dicts[state.lang]?.[key] ?? state.dicts.en?.[key] ?? key;
  return text.replace(/\{(\d+)\}/g, (all, i) => (args[i] !== undefined ? String(args[i]) : all));
}

function time(epochMillis) {
  if (epochMillis === null || epochMillis === undefined || epochMillis === '') {
    return '';
  }
  return new Intl.DateTimeFormat(state.lang, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(epochMillis));
}

function toast(kind, text) {
  const list = document.getElementById('mfa-toasts');
  const icons = { success: '✓', danger: '!', info: 'i', warning: '!' };
  const item = h('li', { class: 'pf-v5-c-alert-group__item' },
    h('div', { class: ['pf-v5-c-alert', 'pf-m-' + (icons[kind] ? kind : 'info')], role: kind === 'danger' ? 'alert' : 'status' },
      h('div', { class: 'pf-v5-c-alert__icon mfa-alert-icon', 'aria-hidden': 'true', text: icons[kind] || 'i' }),
      h('p', { class: 'pf-v5-c-alert__title', text }),
      h('div', { class: 'pf-v5-c-alert__action' },
        h('button', { type: 'button', class: 'pf-v5-c-button pf-m-plain', 'aria-label': t('close'),
          onclick: () => item.remove(), text: '×' }))));
  list.append(item);
  if (kind !== 'danger') {
    setTimeout(() => item.remove(), 8000);
  }
}

function download(filename, blob) {
  const url = URL.createObjectURL(blob);
  const link = h('a', { href: url, download: filename, class: 'mfa-hidden' });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

function draft(key) {
  const name = 'mfa-admin:draft:' + state.realm + ':' + key;
  return {
    load() {
      try {
        return JSON.parse(sessionStorage.getItem(name));
      } catch (e) {
        return null;
      }
    },
    save(value) {
      sessionStorage.setItem(name, JSON.stringify(value));
    },
    clear() {
      sessionStorage.removeItem(name);
    },
  };
}

// ---------- sign-in and admin REST ----------

function redirectUri() {
  // the realm choice (master) rides in the query; the route is restored from sessionStorage after the sign-in
  return appUrl + location.search;
}

/** Session over or refresh refused: pages keep drafts in sessionStorage; sign in again and come back here. */
function signInAgain() {
  sessionStorage.setItem(ROUTE_KEY, location.hash);
  window.dispatchEvent(new CustomEvent('mfa-admin:sign-in-again'));
  state.kc.login({ redirectUri: redirectUri() });
}

async function freshToken() {
  try {
    await state.kc.updateToken(30);
  } catch (e) {
    signInAgain();
    throw new ApiError(401, 'session-expired', t('session.expired'), null);
  }
}

async function call(url, { method = 'GET', query, body: payload, headers = {}, raw = false } = {}) {
  await freshToken();
  let target = url;
  if (query) {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      if (value === null || value === undefined || value === '') {
        continue;
      }
      (Array.isArray(value) ? value : [value]).forEach(v => params.append(key, v));
    }
    const q = params.toString();
    if (q) {
      target += (target.includes('?') ? '&' : '?') + q;
    }
  }
  const sent = { Authorization: 'Bearer ' + state.kc.token, ...headers };
  let content = payload;
  const passThrough = payload === undefined || payload === null || typeof payload === 'string'
    || payload instanceof FormData || payload instanceof Blob || payload instanceof ArrayBuffer
    || payload instanceof URLSearchParams;
  if (!passThrough) {
    content = JSON.stringify(payload);
    if (!Object.keys(sent).some(k => k.toLowerCase() === 'content-type')) {
      sent['Content-Type'] = 'application/json';
    }
  }
  if (!Object.keys(sent).some(k => k.toLowerCase() === 'accept')) {
    sent.Accept = 'application/json';
  }
  const response = await fetch(target, { method, headers: sent, body: content ?? undefined });
  if (response.status === 401) {
    signInAgain();
    throw new ApiError(401, 'session-expired', t('session.expired'), null);
  }
  if (!response.ok) {
    const text = await response.text();
    let data = null;
    try {
      data = text ? JSON.parse(text) : null;
    } catch (e) {
      data = text;
    }
    const obj = data && typeof data === 'object' ? data : {};
    throw new ApiError(response.status, obj.error || response.statusText,
      obj.error_description || obj.message || obj.errorMessage || (typeof data === 'string' ? data : ''), data);
  }
  if (raw) {
    return response;
  }
  const text = await response.text();
  return text ? JSON.parse(text) : null;
}

function api(path, options) {
  return call(serverPath + '/admin/realms/' + encodeURIComponent(state.realm) + '/' + path, options);
}

// ---------- i18n ----------

async function loadI18n(name) {
  const response = await fetch('i18n/' + name + '.json');
  if (!response.ok) {
    throw new Error('i18n/' + name + '.json: ' + response.status);
  }
  const all = await response.json();
  for (const [lang, texts] of Object.entries(all)) {
    state.dicts[lang] = { ...(state.dicts[lang] || {}), ...texts };
  }
}

function chooseLanguage() {
  const stored = localStorage.getItem(LANG_KEY);
  if (stored && LANGUAGES[stored]) {
    return stored;
  }
  for (const wanted of navigator.languages || [navigator.language]) {
    const short = String(wanted).toLowerCase().split('-')[0];
    if (LANGUAGES[short]) {
      return short;
    }
  }
  return 'en';
}

// ---------- pages ----------

async function loadPages() {
  await Promise.all(PAGES.map(async page => {
    try {
      const module = (await import('./pages/' + page.id + '.js')).default;
      if (!module || typeof module.render !== 'function') {
        throw new Error('no render()');
      }
      if (module.i18n) {
        await loadI18n(module.i18n);
      }
      state.modules[page.id] = module;
    } catch (e) {
      state.modules[page.id] = { failed: e };
      console.warn('page ' + page.id + ' not available: ' + e.message);
    }
  }));
}

function pageInfo(page) {
  const module = state.modules[page.id];
  const loaded = module && !module.failed;
  return {
    id: page.id,
    module: loaded ? module : null,
    titleKey: loaded && module.titleKey ? module.titleKey : page.titleKey,
    visible: Boolean((loaded && module.visible ? module.visible : page.visible)(state.perms)),
  };
}

function visiblePages() {
  return PAGES.map(pageInfo).filter(p => p.visible);
}

/** The overview when this account may see it, else the first page it may see. */
function defaultRoute() {
  const pages = visiblePages();
  const first = pages.find(p => p.id === 'overview') || pages[0];
  return first ? '#/' + first.id : '';
}

// ---------- layout ----------

const layout = {};

function renderLayout() {
  document.documentElement.lang = state.lang;
  document.title = t('app.title') + ' · ' + state.realm;
  const app = document.getElementById('app');
  const wide = window.matchMedia('(min-width: 1200px)');

  const toggle = h('button', { type: 'button', class: 'pf-v5-c-button pf-m-plain mfa-nav-toggle',
    'aria-label': t('nav.toggle'), 'aria-controls': 'mfa-sidebar', 'aria-expanded': 'false',
    onclick: () => setNav(!layout.sidebar.classList.contains('pf-m-expanded')) },
  h('span', { class: 'mfa-burger', 'aria-hidden': 'true' }));

  const language = selectControl(h('select', { id: 'mfa-language', 'aria-label': t('masthead.language'),
    onchange: e => changeLanguage(e.target.value) },
  Object.entries(LANGUAGES).map(([code, name]) => h('option', { value: code, selected: code === state.lang, lang: code, text: name }))));

  const realmPart = signInRealm === 'master' && state.realms
    ? selectControl(h('select', { id: 'mfa-realm', 'aria-label': t('masthead.realm'),
      onchange: e => changeRealm(e.target.value) },
    state.realms.map(name => h('option', { value: name, selected: name === state.realm, text: name }))))
    : h('span', { id: 'mfa-realm', class: 'pf-v5-c-label pf-m-blue mfa-realm-label' },
      h('span', { class: 'pf-v5-c-label__content', text: t('masthead.realmName', state.realm) }));

  const masthead = h('header', { class: 'pf-v5-c-masthead mfa-masthead' },
    h('span', { class: 'pf-v5-c-masthead__toggle' }, toggle),
    h('div', { class: 'pf-v5-c-masthead__main' },
      h('a', { class: 'pf-v5-c-masthead__brand mfa-brand', href: '#/', text: t('app.title') })),
    h('div', { class: 'pf-v5-c-masthead__content mfa-masthead-content' },
      h('div', { class: 'mfa-masthead-item' },
        signInRealm === 'master' && state.realms ? h('label', { for: 'mfa-realm', class: 'mfa-masthead-label', text: t('masthead.realm') }) : null,
        realmPart),
      h('div', { class: 'mfa-masthead-item' },
        h('label', { for: 'mfa-language', class: 'mfa-masthead-label mfa-narrow-hidden', text: t('masthead.language') }),
        language),
      h('div', { class: 'mfa-masthead-item mfa-user' },
        h('span', { class: 'mfa-username mfa-narrow-hidden', id: 'mfa-username', text: state.me?.username || state.kc.tokenParsed?.preferred_username || '' }),
        h('button', { type: 'button', id: 'mfa-sign-out', class: 'pf-v5-c-button pf-m-secondary pf-m-small mfa-sign-out',
          text: t('masthead.signOut'), onclick: () => state.kc.logout({ redirectUri: redirectUri() }) }))));

  const navList = h('ul', { class: 'pf-v5-c-nav__list', role: 'list' },
    visiblePages().map(page => h('li', { class: 'pf-v5-c-nav__item' },
      h('a', { class: 'pf-v5-c-nav__link', href: '#/' + page.id, dataset: { page: page.id }, text: t(page.titleKey),
        onclick: () => { if (!wide.matches) { setNav(false); } } }))));
  const sidebar = h('div', { id: 'mfa-sidebar', class: 'pf-v5-c-page__sidebar' },
    h('div', { class: 'pf-v5-c-page__sidebar-body' },
      h('nav', { class: 'pf-v5-c-nav', id: 'mfa-nav', 'aria-label': t('nav.label') }, navList)));

  const main = h('main', { class: 'pf-v5-c-page__main', id: 'mfa-main', tabindex: '-1' });
  app.className = 'pf-v5-c-page';
  app.replaceChildren(
    h('a', { class: 'pf-v5-c-skip-to-content pf-v5-c-button pf-m-primary', href: '#mfa-main',
      onclick: e => { e.preventDefault(); main.focus(); }, text: t('skipToContent') }),
    masthead, sidebar, main);
  Object.assign(layout, { app, toggle, sidebar, navList, main, wide });

  function setNav(open) {
    sidebar.classList.toggle('pf-m-expanded', open);
    sidebar.classList.toggle('pf-m-collapsed', !open);
    toggle.setAttribute('aria-expanded', String(open));
  }
  layout.setNav = setNav;
  setNav(wide.matches);
  wide.onchange = () => setNav(wide.matches);
}

/** PatternFly 5's form control around a select: the wrapper draws the border and the caret. */
function selectControl(select) {
  return h('span', { class: 'pf-v5-c-form-control mfa-select' }, select,
    h('span', { class: 'pf-v5-c-form-control__utilities' },
      h('span', { class: 'pf-v5-c-form-control__toggle-icon mfa-caret', 'aria-hidden': 'true' })));
}

function changeLanguage(lang) {
  state.lang = lang;
  localStorage.setItem(LANG_KEY, lang);
  renderLayout();
  route();
  document.getElementById('mfa-language').focus();
}

function changeRealm(realm) {
  const params = new URLSearchParams(location.search);
  params.set('realm', realm);
  // a new realm is a new start: its rights, its pages
  location.assign(appUrl + '?' + params.toString() + '#/');
}

function section(...children) {
  return h('section', { class: 'pf-v5-c-page__main-section' }, children);
}

function alertBox(kind, title, text) {
  return h('div', { class: ['pf-v5-c-alert', 'pf-m-inline', 'pf-m-' + kind], role: kind === 'danger' ? 'alert' : null },
    h('div', { class: 'pf-v5-c-alert__icon mfa-alert-icon', 'aria-hidden': 'true', text: kind === 'success' ? '✓' : '!' }),
    h('p', { class: 'pf-v5-c-alert__title', text: title }),
    text ? h('div', { class: 'pf-v5-c-alert__description' }, h('p', { text })) : null);
}

function noRights() {
  layout.sidebar.hidden = true;
  layout.toggle.hidden = true;
  layout.main.replaceChildren(section(
    h('div', { class: 'pf-v5-c-empty-state', id: 'mfa-no-rights' },
      h('div', { class: 'pf-v5-c-empty-state__content' },
        h('h1', { class: 'pf-v5-c-title pf-m-lg', text: t('noRights.title') }),
        h('div', { class: 'pf-v5-c-empty-state__body', text: t('noRights.text', state.me?.username || '', state.realm) }),
        h('div', { class: 'pf-v5-c-empty-state__footer' },
          h('button', { type: 'button', class: 'pf-v5-c-button pf-m-primary', text: t('masthead.signOut'),
            onclick: () => state.kc.logout({ redirectUri: redirectUri() }) }))))));
}

let routing = 0;

async function route() {
  const run = ++routing;
  if (!visiblePages().length) {
    noRights();
    return;
  }
  let parts;
  try {
    parts = location.hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  } catch (e) {
    parts = [];
  }
  const page = visiblePages().find(p => p.id === parts[0]);
  if (!page) {
    const target = defaultRoute();
    if (target && target !== location.hash) {
      location.replace(target);
    }
    return;
  }
  for (const link of layout.navList.querySelectorAll('a')) {
    const current = link.dataset.page === page.id;
    link.classList.toggle('pf-m-current', current);
    if (current) {
      link.setAttribute('aria-current', 'page');
    } else {
      link.removeAttribute('aria-current');
    }
  }
  const heading = h('h1', { class: 'pf-v5-c-title pf-m-2xl mfa-page-title', id: 'mfa-page-title', tabindex: '-1', text: t(page.titleKey) });
  const content = h('section', { class: 'mfa-page', id: 'mfa-page-' + page.id, 'aria-labelledby': 'mfa-page-title' });
  layout.main.replaceChildren(section(heading, content));
  layout.main.dataset.page = page.id;
  document.title = t(page.titleKey) + ' · ' + t('app.title') + ' · ' + state.realm;
  if (!page.module) {
    content.append(alertBox('warning', t('page.unavailable', t(page.titleKey))));
    return;
  }
  try {
    await page.module.render(content, ctx, { rest: parts.slice(1) });
  } catch (e) {
    if (run === routing && !(e instanceof ApiError && e.status === 401)) {
      content.append(alertBox('danger', t('page.failed'), e.description || e.message));
      console.error(e);
    }
  }
}

const ctx = {
  get realm() { return state.realm; },
  get lang() { return state.lang; },
  get perms() { return state.perms; },
  get username() { return state.me?.username; },
  api,
  t,
  h,
  navigate(hash) { location.hash = hash.startsWith('#') ? hash : '#' + hash; },
  time,
  alert: toast,
  download,
  draft,
  ApiError,
};

// ---------- start ----------

async function loadRealms() {
  const realms = await call(serverPath + '/admin/realms', { query: { briefRepresentation: 'true' } });
  return realms.map(r => r.realm).sort((a, b) => a.localeCompare(b));
}

function showFatal(text) {
  const main = document.getElementById('mfa-main') || document.body;
  main.replaceChildren(section(alertBox('danger', t('start.failed'), text)));
}

async function start() {
  state.lang = chooseLanguage();
  await loadI18n('shell');
  if (signInRealm === 'master') {
    state.realm = new URLSearchParams(location.search).get('realm') || 'master';
  }
  // the sign-in redirect drops the route (#/...): keep it across, unless this load is the sign-in's answer
  if (/^#\/[^=&]*$/.test(location.hash)) {
    sessionStorage.setItem(ROUTE_KEY, location.hash);
  }
  const kc = new window.Keycloak({ url: serverUrl, realm: signInRealm, clientId: CLIENT_ID });
  state.kc = kc;
  await kc.init({ onLoad: 'login-required', pkceMethod: 'S256', checkLoginIframe: false, redirectUri: redirectUri(),
    responseMode: 'fragment' });
  const saved = sessionStorage.getItem(ROUTE_KEY);
  if (saved !== null) {
    sessionStorage.removeItem(ROUTE_KEY);
    if (saved && (!location.hash || location.hash === '#')) {
      history.replaceState(history.state, '', saved);
    }
  }
  if (signInRealm === 'master') {
    try {
      state.realms = await loadRealms();
    } catch (e) {
      state.realms = null;
    }
    if (state.realms && !state.realms.includes(state.realm)) {
      state.realms.push(state.realm);
    }
  }
  await loadPages();
  try {
    state.me = await api('mfa/me');
    state.perms = {
      viewUsers: Boolean(state.me.viewUsers), manageUsers: Boolean(state.me.manageUsers),
      viewEvents: Boolean(state.me.viewEvents), viewRealm: Boolean(state.me.viewRealm),
      manageRealm: Boolean(state.me.manageRealm),
    };
  } catch (e) {
    if (!(e instanceof ApiError) || (e.status !== 403 && e.status !== 404)) {
      throw e;
    }
    state.me = { username: kc.tokenParsed?.preferred_username };
    state.perms = { viewUsers: false, manageUsers: false, viewEvents: false, viewRealm: false, manageRealm: false };
  }
  renderLayout();
  window.addEventListener('hashchange', () => {
    route();
    document.getElementById('mfa-page-title')?.focus({ preventScroll: true });
  });
  await route();
  body.dataset.ready = 'true';
}

function sessionBeginsWithoutKeycloak() {
  return typeof window.Keycloak !== 'function';
}

if (sessionBeginsWithoutKeycloak()) {
  showFatal('lib/keycloak.js');
} else {
  start().catch(e => {
    console.error(e);
    showFatal(e.description || e.message || String(e));
    body.dataset.ready = 'error';
  });
}
