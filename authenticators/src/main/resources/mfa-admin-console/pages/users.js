// Users: find a user, see their second-factor methods with last use and their recent sign-ins, and (manage-users)
// reset, require a new registration, remove one method, forget remembered devices, revoke app passwords, and
// issue or revoke a temporary access pass (shown once, in a dialog with a copy button).
// Everything goes through the admin REST with the admin's token; what the token cannot do is not shown.

const PAGE_SIZE = 20;
const KINDS = ['phone', 'push-device', 'hardware-token', 'authenticator-app', 'security-key', 'passkey',
  'recovery-codes', 'app-password', 'remembered-device', 'other'];

export default {
  id: 'users',
  i18n: 'users',
  titleKey: 'users.title',
  visible: perms => perms.viewUsers,
  async render(main, ctx, params) {
    const id = params.rest && params.rest[0];
    if (id) {
      await renderUser(main, ctx, decodeURIComponent(id));
    } else {
      await renderSearch(main, ctx);
    }
  },
};

// ---------- small helpers ----------

function alertBox(ctx, kind, title, text) {
  return ctx.h('div', { class: `pf-v5-c-alert pf-m-inline pf-m-${kind}`, role: kind === 'danger' ? 'alert' : 'status' },
    ctx.h('p', { class: 'pf-v5-c-alert__title', text: title }),
    text ? ctx.h('div', { class: 'pf-v5-c-alert__description' }, ctx.h('p', { text })) : '');
}

function errorText(ctx, e) {
  if (e && e.status === 403) {
    return ctx.t('users.error.forbidden');
  }
  if (e && e.status === 404) {
    return ctx.t('users.error.notFound');
  }
  return (e && (e.description || e.error || e.message)) || String(e);
}

function card(ctx, titleKey, ...body) {
  const titleId = 'mfa-users-' + titleKey.replace(/\W+/g, '-');
  return ctx.h('section', { class: 'pf-v5-c-card', 'aria-labelledby': titleId },
    ctx.h('div', { class: 'pf-v5-c-card__title' },
      ctx.h('h2', { class: 'pf-v5-c-card__title-text', id: titleId, text: ctx.t(titleKey) })),
    ctx.h('div', { class: 'pf-v5-c-card__body' }, ...body));
}

function button(ctx, kind, text, onClick, attrs = {}) {
  return ctx.h('button', { type: 'button', class: `pf-v5-c-button pf-m-${kind}`, onClick, ...attrs }, text);
}

/** A table that stacks into labelled rows under 768 px (PatternFly's grid-md). */
function table(ctx, label, headers, rows) {
  return ctx.h('div', { class: 'mfa-table-scroll' },
    ctx.h('table', { class: 'pf-v5-c-table pf-m-compact pf-m-grid-md', role: 'grid', 'aria-label': label },
      ctx.h('thead', { class: 'pf-v5-c-table__thead' },
        ctx.h('tr', { class: 'pf-v5-c-table__tr', role: 'row' },
          ...headers.map(text => ctx.h('th', { class: 'pf-v5-c-table__th pf-m-wrap', role: 'columnheader', scope: 'col', text })))),
      ctx.h('tbody', { class: 'pf-v5-c-table__tbody', role: 'rowgroup' },
        ...rows.map(cells => ctx.h('tr', { class: 'pf-v5-c-table__tr', role: 'row' },
          // a cell's content in a span: stacked on a phone, labels and buttons keep their own width
          ...cells.map((cell, i) => ctx.h('td', { class: 'pf-v5-c-table__td', role: 'gridcell', 'data-label': headers[i] },
            ctx.h('span', {}, cell))))))));
}

function emptyState(ctx, text) {
  return ctx.h('div', { class: 'pf-v5-c-empty-state pf-m-sm' },
    ctx.h('div', { class: 'pf-v5-c-empty-state__content' },
      ctx.h('div', { class: 'pf-v5-c-empty-state__body', text })));
}

function label(ctx, text, color) {
  return ctx.h('span', { class: `pf-v5-c-label pf-m-compact${color ? ' pf-m-' + color : ''}` },
    ctx.h('span', { class: 'pf-v5-c-label__content', text }));
}

/**
 * A PatternFly modal that asks before an action: focus moves into it, Tab stays inside, Escape and Cancel close it,
 * focus goes back to the button that opened it. {@code body}: nodes; resolves with true when confirmed.
 */
export function confirmDialog(ctx, { title, body = [], confirmText, danger = true }) {
  return new Promise(resolve => {
    const opener = document.activeElement;
    const titleId = 'mfa-users-dialog-title';
    const bodyId = 'mfa-users-dialog-body';
    let backdrop;
    const close = result => {
      document.removeEventListener('keydown', onKey, true);
      backdrop.remove();
      if (opener && typeof opener.focus === 'function' && document.contains(opener)) {
        opener.focus();
      }
      resolve(result);
    };
    const confirm = button(ctx, danger ? 'danger' : 'primary', confirmText, () => close(true),
      { dataset: { action: 'confirm' } });
    const cancel = button(ctx, 'link', ctx.t('users.dialog.cancel'), () => close(false),
      { dataset: { action: 'cancel' } });
    const box = ctx.h('div', { class: 'pf-v5-c-modal-box pf-m-sm', role: 'dialog', 'aria-modal': 'true',
      'aria-labelledby': titleId, 'aria-describedby': bodyId },
    ctx.h('div', { class: 'pf-v5-c-modal-box__close' },
      button(ctx, 'plain', '×', () => close(false), { 'aria-label': ctx.t('users.dialog.close') })),
    ctx.h('header', { class: 'pf-v5-c-modal-box__header' },
      // a title that wraps (PatternFly's modal title cuts long titles to one line)
      ctx.h('h1', { class: 'pf-v5-c-title pf-m-xl', id: titleId, text: title })),
    ctx.h('div', { class: 'pf-v5-c-modal-box__body', id: bodyId }, ...body),
    ctx.h('footer', { class: 'pf-v5-c-modal-box__footer' }, confirm, cancel));
    backdrop = ctx.h('div', { class: 'pf-v5-c-backdrop' }, ctx.h('div', { class: 'pf-v5-l-bullseye' }, box));
    function onKey(event) {
      if (event.key === 'Escape') {
        event.preventDefault();
        close(false);
      } else if (event.key === 'Tab') {
        const focusable = [...box.querySelectorAll('button, input, select, textarea, a[href]')]
          .filter(el => !el.disabled);
        const first = focusable[0];
        const last = focusable[focusable.length - 1];
        if (event.shiftKey && document.activeElement === first) {
          event.preventDefault();
          last.focus();
        } else if (!event.shiftKey && document.activeElement === last) {
          event.preventDefault();
          first.focus();
        } else if (!box.contains(document.activeElement)) {
          event.preventDefault();
          first.focus();
        }
      }
    }
    document.addEventListener('keydown', onKey, true);
    document.body.append(backdrop);
    (box.querySelector('input') || cancel).focus();
  });
}

// ---------- the search ----------

async function renderSearch(main, ctx) {
  const draft = ctx.draft('users-search');
  const saved = draft.load() || {};
  const state = { search: saved.search || '', first: saved.first || 0 };
  const input = ctx.h('input', { type: 'search', id: 'mfa-users-search',
    name: 'search', value: state.search, autocomplete: 'off', placeholder: ctx.t('users.search.placeholder') });
  input.value = state.search;
  input.addEventListener('input', () => draft.save({ search: input.value, first: 0 }));
  const results = ctx.h('div', { class: 'mfa-users-results', 'aria-live': 'polite' });
  const form = ctx.h('form', { class: 'pf-v5-c-form mfa-toolbar', role: 'search', onSubmit: event => {
    event.preventDefault();
    state.search = input.value.trim();
    state.first = 0;
    draft.save(state);
    load();
  } },
  ctx.h('div', { class: 'pf-v5-c-form__group' },
    ctx.h('div', { class: 'pf-v5-c-form__group-label' },
      ctx.h('label', { class: 'pf-v5-c-form__label', for: 'mfa-users-search' },
        ctx.h('span', { class: 'pf-v5-c-form__label-text', text: ctx.t('users.search.label') }))),
    ctx.h('div', { class: 'pf-v5-c-form__group-control' },
      ctx.h('span', { class: 'pf-v5-c-form-control' }, input))),
  ctx.h('div', { class: 'pf-v5-c-form__group' },
    ctx.h('button', { type: 'submit', class: 'pf-v5-c-button pf-m-primary', text: ctx.t('users.search.submit') })));
  main.append(form, results);

  async function load() {
    results.replaceChildren(ctx.h('p', { class: 'mfa-loading-text', text: ctx.t('users.loading') }));
    let users;
    try {
      users = await ctx.api('users', { query: { search: state.search, briefRepresentation: 'true',
        first: String(state.first), max: String(PAGE_SIZE + 1) } });
    } catch (e) {
      results.replaceChildren(alertBox(ctx, 'danger', ctx.t('users.error.search'), errorText(ctx, e)));
      return;
    }
    const more = users.length > PAGE_SIZE;
    const shown = users.slice(0, PAGE_SIZE);
    if (!shown.length) {
      results.replaceChildren(emptyState(ctx, state.search ? ctx.t('users.search.none', state.search)
        : ctx.t('users.search.noUsers')));
      return;
    }
    const rows = shown.map(u => [
      ctx.h('a', { href: '#/users/' + encodeURIComponent(u.id), class: 'mfa-users-link', dataset: { userId: u.id },
        text: u.username }),
      u.email || '',
      [u.firstName, u.lastName].filter(Boolean).join(' '),
      u.enabled === false ? label(ctx, ctx.t('users.disabled'), 'orange') : label(ctx, ctx.t('users.enabled'), 'green'),
    ]);
    const pager = ctx.h('nav', { class: 'mfa-toolbar mfa-users-pager pf-v5-u-mt-md', 'aria-label': ctx.t('users.pages') },
      ctx.h('span', { class: 'mfa-muted', text: ctx.t('users.range', state.first + 1, state.first + shown.length) }));
    if (state.first > 0 || more) { // one page needs no paging buttons
      pager.append(
        button(ctx, 'secondary', ctx.t('users.previous'), () => { state.first = Math.max(0, state.first - PAGE_SIZE);
          draft.save(state); load(); }, { disabled: state.first === 0 }),
        button(ctx, 'secondary', ctx.t('users.next'), () => { state.first += PAGE_SIZE; draft.save(state); load(); },
          { disabled: !more }));
    }
    results.replaceChildren(table(ctx, ctx.t('users.search.results'),
      [ctx.t('users.col.username'), ctx.t('users.col.email'), ctx.t('users.col.name'), ctx.t('users.col.status')], rows),
    pager);
  }
  await load();
}

// ---------- one user ----------

async function renderUser(main, ctx, userId) {
  const back = ctx.h('p', {}, ctx.h('a', { href: '#/users', text: '← ' + ctx.t('users.back') }));
  main.append(back);
  let user;
  try {
    user = await ctx.api('users/' + encodeURIComponent(userId));
  } catch (e) {
    main.append(alertBox(ctx, 'danger', ctx.t('users.error.user'), errorText(ctx, e)));
    return;
  }
  const header = ctx.h('div', { class: 'mfa-users-header' });
  const methodsBody = ctx.h('div', { 'aria-live': 'polite' });
  const actionsBody = ctx.h('div', { class: 'mfa-toolbar' });
  const stack = ctx.h('div', { class: 'mfa-stack' }, header, card(ctx, 'users.methods.title', methodsBody));
  if (ctx.perms.manageUsers) {
    stack.append(card(ctx, 'users.actions.title', actionsBody));
  }
  const riskBody = ctx.h('div', { id: 'mfa-users-risk', 'aria-live': 'polite' });
  stack.append(card(ctx, 'users.risk.title', riskBody));
  const passBody = ctx.h('div', { id: 'mfa-users-pass', 'aria-live': 'polite' });
  stack.append(card(ctx, 'users.pass.title', passBody));
  const signIns = ctx.h('div', {});
  if (ctx.perms.viewEvents) {
    stack.append(card(ctx, 'users.signIns.title', signIns));
  }
  main.append(stack);

  function showHeader() {
    const name = [user.firstName, user.lastName].filter(Boolean).join(' ');
    const facts = [ctx.h('h2', { class: 'pf-v5-c-title pf-m-xl', id: 'mfa-users-username', text: user.username })];
    const line = [name, user.email].filter(Boolean).join(' · ');
    if (line) {
      facts.push(ctx.h('p', { class: 'mfa-muted', text: line }));
    }
    const labels = [];
    if (user.enabled === false) {
      labels.push(label(ctx, ctx.t('users.disabled'), 'orange'));
    }
    if ((user.requiredActions || []).includes('mfa-register')) {
      labels.push(label(ctx, ctx.t('users.mustRegister'), 'blue'));
    }
    if (labels.length) {
      facts.push(ctx.h('p', { class: 'mfa-users-labels' }, ...labels));
    }
    header.replaceChildren(...facts);
  }

  let methods = [];
  async function loadMethods() {
    methodsBody.replaceChildren(ctx.h('p', { class: 'mfa-loading-text', text: ctx.t('users.loading') }));
    try {
      [methods, user] = await Promise.all([
        ctx.api(`mfa/users/${encodeURIComponent(userId)}/methods`, { query: { all: 'true' } }),
        ctx.api('users/' + encodeURIComponent(userId)),
      ]);
    } catch (e) {
      methodsBody.replaceChildren(alertBox(ctx, 'danger', ctx.t('users.error.methods'), errorText(ctx, e)));
      return;
    }
    showHeader();
    showMethods();
    showActions();
  }

  function lastUse(m) {
    if (m.lastUsed) {
      return ctx.h('span', { class: 'mfa-nowrap', text: ctx.time(m.lastUsed) });
    }
    const key = m.lastUsedSource === 'not-recorded' ? 'users.lastUse.notRecorded' : 'users.lastUse.never';
    return ctx.h('span', { class: 'mfa-muted', text: ctx.t(key) });
  }

  function showMethods() {
    if (!methods.length) {
      methodsBody.replaceChildren(emptyState(ctx, ctx.t('users.methods.none')));
      return;
    }
    const headers = [ctx.t('users.col.method'), ctx.t('users.col.label'), ctx.t('users.col.added'),
      ctx.t('users.col.lastUse')];
    if (ctx.perms.manageUsers) {
      headers.push(ctx.t('users.col.actions'));
    }
    const sorted = [...methods].sort((a, b) => (a.isMethod === b.isMethod ? 0 : a.isMethod ? -1 : 1)
      || KINDS.indexOf(a.kind) - KINDS.indexOf(b.kind));
    const rows = sorted.map(m => {
      const kind = ctx.h('span', {}, ctx.t('users.kind.' + (KINDS.includes(m.kind) ? m.kind : 'other')));
      if (m.isDefault) {
        kind.append(' ', label(ctx, ctx.t('users.default'), 'blue'));
      }
      if (m.isMethod && !m.offered) {
        kind.append(' ', label(ctx, ctx.t('users.notOffered'), 'orange'));
      }
      if (m.type === 'mfa-oath-pending') {
        kind.append(' ', label(ctx, ctx.t('users.pendingActivation'), 'orange'));
      }
      const cells = [kind, m.label || ctx.h('span', { class: 'mfa-muted', text: '—' }),
        m.created ? ctx.h('span', { class: 'mfa-nowrap', text: ctx.time(m.created) }) : '—', lastUse(m)];
      if (ctx.perms.manageUsers) {
        const actions = ctx.h('div', { class: 'mfa-nowrap' });
        if (m.isMethod && m.offered && !m.isDefault) {
          actions.append(button(ctx, 'secondary pf-m-small', ctx.t('users.makeDefault'), () => makeDefault(m),
            { 'aria-label': ctx.t('users.makeDefaultNamed', ctx.t('users.kind.' + m.kind), m.label || ''),
              dataset: { makeDefault: m.id } }), ' ');
        }
        actions.append(button(ctx, 'secondary pf-m-danger pf-m-small', ctx.t('users.remove'), () => removeOne(m),
          { 'aria-label': ctx.t('users.removeNamed', ctx.t('users.kind.' + m.kind), m.label || ''),
            dataset: { credentialId: m.id } }));
        cells.push(actions);
      }
      return cells;
    });
    methodsBody.replaceChildren(table(ctx, ctx.t('users.methods.title'), headers, rows),
      ctx.h('p', { class: 'mfa-muted pf-v5-u-font-size-sm pf-v5-u-mt-sm', text: ctx.t('users.lastUse.note') }));
  }

  async function act(run, successText) {
    try {
      const result = await run();
      ctx.alert('success', typeof successText === 'function' ? successText(result) : successText);
    } catch (e) {
      const code = e && e.status === 409 ? (e.error || (e.body && e.body.error)) : null;
      const known = code ? ctx.t('users.error.' + code) : null;
      ctx.alert('danger', known && !known.startsWith('users.') ? known : errorText(ctx, e));
    }
    await loadMethods();
  }

  /** The admin's choice of default (recorded, so sign-ins start with it although a stronger method exists). */
  async function makeDefault(m) {
    await act(() => ctx.api(`mfa/users/${encodeURIComponent(userId)}/methods/${encodeURIComponent(m.id)}/default`,
      { method: 'PUT' }), ctx.t('users.makeDefault.done', ctx.t('users.kind.' + m.kind)));
  }

  async function removeOne(m) {
    const kindText = ctx.t('users.kind.' + m.kind);
    const ok = await confirmDialog(ctx, { title: ctx.t('users.remove.title'),
      body: [ctx.h('p', { text: ctx.t('users.remove.text', kindText, m.label || '—', user.username) })],
      confirmText: ctx.t('users.remove') });
    if (ok) {
      await act(() => ctx.api(`mfa/users/${encodeURIComponent(userId)}/methods/${encodeURIComponent(m.id)}`,
        { method: 'DELETE' }), ctx.t('users.remove.done', kindText));
    }
  }

  async function reset() {
    const passkeys = ctx.h('input', { class: 'pf-v5-c-check__input', type: 'checkbox', id: 'mfa-users-passkeys' });
    const ok = await confirmDialog(ctx, { title: ctx.t('users.reset.title'), confirmText: ctx.t('users.reset'),
      body: [ctx.h('p', { text: ctx.t('users.reset.text', user.username) }),
        ctx.h('div', { class: 'pf-v5-c-check pf-v5-u-mt-md' }, passkeys,
          ctx.h('label', { class: 'pf-v5-c-check__label', for: 'mfa-users-passkeys', text: ctx.t('users.reset.passkeys') }),
          ctx.h('span', { class: 'pf-v5-c-check__description', text: ctx.t('users.reset.passkeysHelp') }))] });
    if (ok) {
      await act(() => ctx.api(`mfa/users/${encodeURIComponent(userId)}/reset`, { method: 'POST',
        query: { includePasskeys: String(passkeys.checked) } }),
      result => ctx.t('users.reset.done', (result && result.removed ? result.removed.length : 0)));
    }
  }

  async function requireRegistration() {
    const ok = await confirmDialog(ctx, { title: ctx.t('users.require.title'), confirmText: ctx.t('users.require'),
      danger: false, body: [ctx.h('p', { text: ctx.t('users.require.text', user.username) })] });
    if (ok) {
      await act(() => ctx.api(`mfa/users/${encodeURIComponent(userId)}/require-registration`, { method: 'POST' }),
        ctx.t('users.require.done'));
    }
  }

  async function forgetDevices(count) {
    const ok = await confirmDialog(ctx, { title: ctx.t('users.devices.title'), confirmText: ctx.t('users.devices'),
      body: [ctx.h('p', { text: ctx.t('users.devices.text', count, user.username) })] });
    if (ok) {
      await act(() => ctx.api(`mfa/users/${encodeURIComponent(userId)}/remembered-devices`, { method: 'DELETE' }),
        ctx.t('users.devices.done'));
    }
  }

  async function revokeAppPasswords(count) {
    const ok = await confirmDialog(ctx, { title: ctx.t('users.appPasswords.title'),
      confirmText: ctx.t('users.appPasswords'),
      body: [ctx.h('p', { text: ctx.t('users.appPasswords.text', count, user.username) })] });
    if (ok) {
      await act(() => ctx.api(`mfa/users/${encodeURIComponent(userId)}/app-passwords`, { method: 'DELETE' }),
        ctx.t('users.appPasswords.done'));
    }
  }

  function showActions() {
    if (!ctx.perms.manageUsers) {
      return;
    }
    const devices = methods.filter(m => m.kind === 'remembered-device').length;
    const appPasswords = methods.filter(m => m.kind === 'app-password').length;
    const buttons = [
      button(ctx, 'danger', ctx.t('users.reset') + '…', reset, { id: 'mfa-users-reset' }),
      button(ctx, 'secondary', ctx.t('users.require') + '…', requireRegistration, { id: 'mfa-users-require' }),
    ];
    if (devices) {
      buttons.push(button(ctx, 'secondary', ctx.t('users.devices') + '…', () => forgetDevices(devices),
        { id: 'mfa-users-devices' }));
    }
    if (appPasswords) {
      buttons.push(button(ctx, 'secondary', ctx.t('users.appPasswords') + '…', () => revokeAppPasswords(appPasswords),
        { id: 'mfa-users-app-passwords' }));
    }
    actionsBody.replaceChildren(...buttons);
  }

  function signInMethod(method) {
    if (!method) {
      return '—';
    }
    const key = 'users.signInMethod.' + method;
    const text = ctx.t(key);
    return text === key ? method : text;
  }

  async function loadSignIns() {
    signIns.replaceChildren(ctx.h('p', { class: 'mfa-loading-text', text: ctx.t('users.loading') }));
    let rows;
    try {
      rows = await ctx.api('mfa/sign-ins', { query: { user: userId, max: '10' } });
    } catch (e) {
      signIns.replaceChildren(alertBox(ctx, 'danger', ctx.t('users.error.signIns'), errorText(ctx, e)));
      return;
    }
    if (!rows.length) {
      signIns.replaceChildren(emptyState(ctx, ctx.t('users.signIns.none')));
      return;
    }
    const headers = [ctx.t('users.col.time'), ctx.t('users.col.method'), ctx.t('users.col.result'),
      ctx.t('users.col.device'), ctx.t('users.col.client'), ctx.t('users.col.ip')];
    signIns.replaceChildren(table(ctx, ctx.t('users.signIns.title'), headers, rows.map(r => [
      ctx.h('span', { class: 'mfa-nowrap', text: ctx.time(r.time) }),
      signInMethod(r.method),
      r.result === 'success' ? label(ctx, ctx.t('users.success'), 'green')
        : label(ctx, ctx.t('users.failure') + (r.reason ? ' · ' + r.reason : ''), 'red'),
      r.device || '—', r.client || '—', r.ipAddress || '—'])));
  }

  // ---------- temporary access pass ----------

  const passPath = `mfa/users/${encodeURIComponent(userId)}/temporary-pass`;

  async function loadPass() {
    let pass = null;
    try {
      pass = await ctx.api(passPath);
    } catch (e) {
      if (!e || e.status !== 404) {
        passBody.replaceChildren(alertBox(ctx, 'danger', ctx.t('users.pass.error'), errorText(ctx, e)));
        return;
      }
    }
    const parts = [];
    if (pass) {
      const status = label(ctx, ctx.t('users.pass.status.' + pass.status),
        pass.status === 'active' ? 'green' : pass.status === 'scheduled' ? 'blue' : 'orange');
      const facts = [
        [ctx.t('users.pass.statusLabel'), status],
        [ctx.t('users.pass.createdBy'), pass.createdBy || '—'],
        [ctx.t('users.pass.created'), ctx.time(pass.createdDate)],
        [ctx.t('users.pass.starts'), ctx.time(pass.startsAt)],
        [ctx.t('users.pass.expires'), ctx.time(pass.expiresAt)],
        [ctx.t('users.pass.oneTime'), ctx.t(pass.oneTime ? 'users.pass.yes' : 'users.pass.no')],
        [ctx.t('users.pass.used'), pass.usedAt ? ctx.time(pass.usedAt) : ctx.t('users.pass.notUsed')],
      ];
      parts.push(ctx.h('dl', { class: 'pf-v5-c-description-list pf-m-horizontal pf-m-compact', id: 'mfa-users-pass-facts' },
        ...facts.map(([term, value]) => ctx.h('div', { class: 'pf-v5-c-description-list__group' },
          ctx.h('dt', { class: 'pf-v5-c-description-list__term' },
            ctx.h('span', { class: 'pf-v5-c-description-list__text', text: term })),
          ctx.h('dd', { class: 'pf-v5-c-description-list__description' },
            ctx.h('div', { class: 'pf-v5-c-description-list__text' }, value))))));
    } else {
      parts.push(emptyState(ctx, ctx.t('users.pass.none')));
    }
    if (ctx.perms.manageUsers) {
      const buttons = [button(ctx, 'secondary', ctx.t('users.pass.issue') + '…', issuePass, { id: 'mfa-users-pass-issue' })];
      if (pass) {
        buttons.push(button(ctx, 'secondary pf-m-danger', ctx.t('users.pass.revoke') + '…', revokePass,
          { id: 'mfa-users-pass-revoke' }));
      }
      parts.push(ctx.h('div', { class: 'mfa-toolbar pf-v5-u-mt-md' }, ...buttons));
    }
    passBody.replaceChildren(...parts);
  }

  function field(id, text, input, help) {
    return ctx.h('div', { class: 'pf-v5-c-form__group' },
      ctx.h('div', { class: 'pf-v5-c-form__group-label' },
        ctx.h('label', { class: 'pf-v5-c-form__label', for: id },
          ctx.h('span', { class: 'pf-v5-c-form__label-text', text }))),
      ctx.h('div', { class: 'pf-v5-c-form__group-control' }, ctx.h('span', { class: 'pf-v5-c-form-control' }, input),
        help ? ctx.h('p', { class: 'pf-v5-c-form__helper-text mfa-muted', text: help }) : ''));
  }

  async function issuePass() {
    const lifetime = ctx.h('input', { type: 'number', id: 'mfa-users-pass-lifetime', min: '10', step: '1' });
    const oneTime = ctx.h('input', { class: 'pf-v5-c-check__input', type: 'checkbox', id: 'mfa-users-pass-one-time' });
    oneTime.checked = true;
    const start = ctx.h('input', { type: 'datetime-local', id: 'mfa-users-pass-start' });
    const ok = await confirmDialog(ctx, { title: ctx.t('users.pass.issue.title'), confirmText: ctx.t('users.pass.issue'),
      danger: false, body: [ctx.h('p', { text: ctx.t('users.pass.issue.text', user.username) }),
        ctx.h('div', { class: 'pf-v5-c-form' },
          field('mfa-users-pass-lifetime', ctx.t('users.pass.lifetime'), lifetime, ctx.t('users.pass.lifetimeHelp')),
          field('mfa-users-pass-start', ctx.t('users.pass.start'), start, ctx.t('users.pass.startHelp')),
          ctx.h('div', { class: 'pf-v5-c-check' }, oneTime,
            ctx.h('label', { class: 'pf-v5-c-check__label', for: 'mfa-users-pass-one-time', text: ctx.t('users.pass.oneTime') })))] });
    if (!ok) {
      return;
    }
    const body = { oneTime: oneTime.checked };
    if (lifetime.value) {
      body.lifetimeMinutes = Number(lifetime.value);
    }
    if (start.value) {
      body.startsAt = new Date(start.value).getTime();
    }
    let issued;
    try {
      issued = await ctx.api(passPath, { method: 'POST', body });
    } catch (e) {
      ctx.alert('danger', errorText(ctx, e));
      return;
    }
    await showPass(issued);
    await loadPass();
  }

  /** The pass, once: in a dialog with a copy button; closing it forgets the pass. */
  function showPass(issued) {
    const value = ctx.h('code', { id: 'mfa-users-pass-value', class: 'pf-v5-u-font-size-xl', text: issued.pass });
    const copied = ctx.h('span', { class: 'mfa-muted', role: 'status' });
    const copy = button(ctx, 'secondary', ctx.t('users.pass.copy'), async () => {
      try {
        await navigator.clipboard.writeText(issued.pass);
        copied.textContent = ' ' + ctx.t('users.pass.copied');
      } catch (e) {
        copied.textContent = ' ' + ctx.t('users.pass.copyFailed');
      }
    }, { id: 'mfa-users-pass-copy' });
    return confirmDialog(ctx, { title: ctx.t('users.pass.shown.title'), confirmText: ctx.t('users.pass.done'),
      danger: false, body: [ctx.h('p', { text: ctx.t('users.pass.shown.text', user.username,
        ctx.time(issued.expiresAt)) }),
      ctx.h('p', { class: 'pf-v5-u-mt-md pf-v5-u-mb-md' }, value),
      ctx.h('p', {}, copy, copied),
      alertBox(ctx, 'warning', ctx.t('users.pass.once'))] });
  }

  async function revokePass() {
    const ok = await confirmDialog(ctx, { title: ctx.t('users.pass.revoke.title'), confirmText: ctx.t('users.pass.revoke'),
      body: [ctx.h('p', { text: ctx.t('users.pass.revoke.text', user.username) })] });
    if (ok) {
      try {
        await ctx.api(passPath, { method: 'DELETE' });
        ctx.alert('success', ctx.t('users.pass.revoke.done'));
      } catch (e) {
        ctx.alert('danger', errorText(ctx, e));
      }
      await loadPass();
    }
  }

  // ---------- user risk ----------

  const riskPath = `mfa/users/${encodeURIComponent(userId)}/risk`;
  const RISK_COLORS = { none: 'green', low: 'blue', medium: 'orange', high: 'red' };

  function riskReason(r) {
    const known = ctx.t('users.risk.reason.' + r.reason);
    return known.startsWith('users.risk.reason.') ? r.reason : known;
  }

  async function loadRisk() {
    let risk;
    try {
      risk = await ctx.api(riskPath);
    } catch (e) {
      riskBody.replaceChildren(alertBox(ctx, 'danger', ctx.t('users.risk.error'), errorText(ctx, e)));
      return;
    }
    const facts = [[ctx.t('users.risk.level'), label(ctx, ctx.t('users.risk.level.' + risk.level), RISK_COLORS[risk.level] || 'grey')]];
    if (risk.since) {
      facts.push([ctx.t('users.risk.since'), ctx.time(risk.since * 1000)]);
    }
    if (risk.level === 'none' && risk.cleared) {
      facts.push([ctx.t('users.risk.cleared'), ctx.t('users.risk.clearedBy.' + risk.clearedBy, ctx.time(risk.cleared * 1000))]);
    }
    const parts = [ctx.h('dl', { class: 'pf-v5-c-description-list pf-m-horizontal pf-m-compact', id: 'mfa-users-risk-facts' },
      ...facts.map(([term, value]) => ctx.h('div', { class: 'pf-v5-c-description-list__group' },
        ctx.h('dt', { class: 'pf-v5-c-description-list__term' },
          ctx.h('span', { class: 'pf-v5-c-description-list__text', text: term })),
        ctx.h('dd', { class: 'pf-v5-c-description-list__description' },
          ctx.h('div', { class: 'pf-v5-c-description-list__text', dataset: { level: risk.level } }, value)))))];
    if (risk.reasons.length) {
      parts.push(table(ctx, ctx.t('users.risk.reasons'), [ctx.t('users.col.time'), ctx.t('users.risk.level'), ctx.t('users.risk.reason')],
        risk.reasons.slice().reverse().map(r => [ctx.time(r.time * 1000),
          label(ctx, ctx.t('users.risk.level.' + r.level), RISK_COLORS[r.level] || 'grey'), riskReason(r)])));
    } else if (risk.level === 'none') {
      parts.push(ctx.h('p', { class: 'mfa-muted', text: ctx.t('users.risk.none') }));
    }
    if (ctx.perms.manageUsers && risk.level !== 'none') {
      parts.push(ctx.h('div', { class: 'mfa-toolbar pf-v5-u-mt-md' },
        button(ctx, 'secondary', ctx.t('users.risk.dismiss') + '…', dismissRisk, { id: 'mfa-users-risk-dismiss' })));
    }
    riskBody.replaceChildren(...parts);
  }

  async function dismissRisk() {
    const ok = await confirmDialog(ctx, { title: ctx.t('users.risk.dismiss.title'), confirmText: ctx.t('users.risk.dismiss'),
      danger: false, body: [ctx.h('p', { text: ctx.t('users.risk.dismiss.text', user.username) })] });
    if (ok) {
      try {
        await ctx.api(riskPath + '/dismiss', { method: 'POST' });
        ctx.alert('success', ctx.t('users.risk.dismiss.done'));
      } catch (e) {
        ctx.alert('danger', errorText(ctx, e));
      }
      await loadRisk();
    }
  }

  showHeader();
  await Promise.all([loadMethods(), loadPass(), loadRisk(), ctx.perms.viewEvents ? loadSignIns() : null]);
}
