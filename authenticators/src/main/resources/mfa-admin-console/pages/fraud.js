// Fraud alert: the sign-ins users reported as not theirs (GET mfa/fraud-reports, view-events) and what a report does
// (GET mfa/fraud-settings view-realm, PUT manage-realm). A reference opens the sign-in log at #/sign-ins/ref/….

const PAGE_SIZE = 25;
const BLOCKS = ['sign-out', 'disable', 'none'];

function card(h, id, title, ...body) {
  return h('div', { class: 'pf-v5-c-card mfa-card', id },
    h('div', { class: 'pf-v5-c-card__title' }, h('h2', { class: 'pf-v5-c-card__title-text', text: title })),
    h('div', { class: 'pf-v5-c-card__body mfa-stack' }, body));
}

function inlineAlert(h, kind, title, text) {
  return h('div', { class: ['pf-v5-c-alert', 'pf-m-inline', 'pf-m-' + kind], role: kind === 'danger' ? 'alert' : 'status' },
    h('p', { class: 'pf-v5-c-alert__title', text: title }),
    text ? h('div', { class: 'pf-v5-c-alert__description', text }) : null);
}

function group(h, id, label, control, help) {
  return h('div', { class: 'pf-v5-c-form__group' },
    h('div', { class: 'pf-v5-c-form__group-label' },
      h('label', { class: 'pf-v5-c-form__label', for: id }, h('span', { class: 'pf-v5-c-form__label-text', text: label }))),
    h('div', { class: 'pf-v5-c-form__group-control' }, control,
      help ? h('p', { class: 'pf-v5-c-form__helper-text mfa-muted', text: help }) : null));
}

function check(h, input, id, label) {
  return h('div', { class: 'pf-v5-c-check' }, input, h('label', { class: 'pf-v5-c-check__label', for: id, text: label }));
}

async function settingsCard(ctx) {
  const { h, t } = ctx;
  const canSave = ctx.perms.manageRealm;
  const area = h('div', { id: 'fraud-settings-result', 'aria-live': 'polite' });
  let settings;
  try {
    settings = await ctx.api('mfa/fraud-settings');
  } catch (e) {
    return card(h, 'fraud-settings', t('fraud.settingsTitle'), inlineAlert(h, 'danger', t('fraud.loadFailed'), e.description || e.message));
  }
  const block = h('select', { id: 'fraud-block-user', class: 'pf-v5-c-form-control', disabled: !canSave },
    BLOCKS.map(b => h('option', { value: b, selected: settings['block-user'] === b, text: t('fraud.block.' + b) })));
  const notify = h('input', { type: 'checkbox', id: 'fraud-notify-user', class: 'pf-v5-c-check__input',
    checked: settings['notify-user'], disabled: !canSave });
  const emails = h('textarea', { id: 'fraud-alert-emails', rows: '3', spellcheck: 'false', disabled: !canSave,
    value: (settings['fraud-alert-emails'] || []).join('\n') });
  const link = h('input', { type: 'checkbox', id: 'fraud-report-link', class: 'pf-v5-c-check__input',
    checked: settings['report-link'], disabled: !canSave });
  const hours = h('input', { type: 'number', id: 'fraud-link-hours', min: '1', max: '168', disabled: !canSave,
    value: String(settings['link-hours']) });
  const save = h('button', { type: 'submit', id: 'fraud-save', class: 'pf-v5-c-button pf-m-primary', text: t('fraud.save') });
  const form = h('form', { class: 'pf-v5-c-form', id: 'fraud-settings-form', novalidate: true,
    onsubmit: async e => {
      e.preventDefault();
      save.disabled = true;
      try {
        await ctx.api('mfa/fraud-settings', { method: 'PUT', body: {
          'block-user': block.value, 'notify-user': notify.checked,
          'fraud-alert-emails': emails.value.split(/[\s,;]+/).filter(Boolean),
          'report-link': link.checked, 'link-hours': hours.value.trim() } });
        area.replaceChildren();
        ctx.alert('success', t('fraud.saved'));
      } catch (err) {
        area.replaceChildren(inlineAlert(h, 'danger', t('fraud.saveFailed'), err.description || err.message));
      } finally {
        save.disabled = false;
      }
    } },
  group(h, 'fraud-block-user', t('fraud.blockUser'),
    h('span', { class: 'pf-v5-c-form-control pf-m-select' }, block), t('fraud.blockHelp')),
  check(h, notify, 'fraud-notify-user', t('fraud.notifyUser')),
  group(h, 'fraud-alert-emails', t('fraud.alertEmails'), h('span', { class: 'pf-v5-c-form-control pf-m-textarea' }, emails),
    t('fraud.alertEmailsHelp')),
  check(h, link, 'fraud-report-link', t('fraud.reportLink')),
  group(h, 'fraud-link-hours', t('fraud.linkHours'), h('span', { class: 'pf-v5-c-form-control' }, hours), t('fraud.linkHoursHelp')),
  h('p', { class: 'mfa-muted', id: 'fraud-push-mute', text: t('fraud.pushMute') }),
  canSave ? h('div', { class: 'pf-v5-c-form__group pf-m-action' }, h('div', { class: 'pf-v5-c-form__actions' }, save))
    : h('p', { class: 'mfa-muted', text: t('fraud.viewOnly') }));
  return card(h, 'fraud-settings', t('fraud.settingsTitle'), form, area);
}

function reportsCard(ctx) {
  const { h, t } = ctx;
  const holder = h('div', { id: 'fraud-reports-list', 'aria-live': 'polite' });
  const state = { first: 0 };
  const older = h('button', { type: 'button', id: 'fraud-older', class: 'pf-v5-c-button pf-m-secondary', text: t('fraud.older'),
    onclick: () => { state.first += PAGE_SIZE; load(); } });
  const newer = h('button', { type: 'button', id: 'fraud-newer', class: 'pf-v5-c-button pf-m-secondary', text: t('fraud.newer'),
    onclick: () => { state.first = Math.max(0, state.first - PAGE_SIZE); load(); } });

  async function load() {
    let rows;
    try {
      rows = await ctx.api('mfa/fraud-reports', { query: { first: state.first, max: PAGE_SIZE } });
    } catch (e) {
      holder.replaceChildren(inlineAlert(h, 'danger', t('fraud.loadFailed'), e.description || e.message));
      return;
    }
    older.disabled = rows.length < PAGE_SIZE;
    newer.disabled = state.first === 0;
    if (!rows.length) {
      holder.replaceChildren(h('p', { class: 'mfa-muted', id: 'fraud-none', text: t('fraud.none') }));
      return;
    }
    const headers = ['fraud.col.time', 'fraud.col.user', 'fraud.col.method', 'fraud.col.ip', 'fraud.col.reference', 'fraud.col.action'];
    const cell = (key, ...content) => h('td', { class: 'pf-v5-c-table__td', dataset: { label: t(key) } }, ...content);
    const methodName = m => (t('fraud.method.' + m) === 'fraud.method.' + m ? (m || '') : t('fraud.method.' + m));
    const body = rows.map(row => h('tr', { class: 'pf-v5-c-table__tr mfa-fraud-report',
      dataset: { eventId: row.id || '', reference: row.reference || '' } },
    cell('fraud.col.time', h('span', { class: 'mfa-nowrap', text: ctx.time(row.time) })),
    cell('fraud.col.user', row.username || row.userId || ''),
    cell('fraud.col.method', methodName(row.method)),
    cell('fraud.col.ip', row.ipAddress || ''),
    cell('fraud.col.reference', row.reference
      ? h('a', { href: '#/sign-ins/ref/' + encodeURIComponent(row.reference), text: row.reference }) : ''),
    cell('fraud.col.action', t('fraud.block.' + (row.action || 'none')))));
    const table = h('table', { class: 'pf-v5-c-table pf-m-compact pf-m-grid-lg', id: 'fraud-reports-table',
      'aria-label': t('fraud.reportsTitle') },
    h('thead', { class: 'pf-v5-c-table__thead' }, h('tr', { class: 'pf-v5-c-table__tr' },
      headers.map(key => h('th', { class: 'pf-v5-c-table__th', scope: 'col', text: t(key) })))),
    h('tbody', { class: 'pf-v5-c-table__tbody' }, body));
    holder.replaceChildren(h('div', { class: 'mfa-table-scroll' }, table),
      h('div', { class: 'mfa-toolbar mfa-pager' }, newer, older));
  }
  load();
  return card(h, 'fraud-reports', t('fraud.reportsTitle'), holder);
}

export default {
  id: 'fraud',
  i18n: 'fraud',
  titleKey: 'fraud.title',
  visible: perms => perms.viewEvents || perms.viewRealm,
  async render(main, ctx) {
    const { h, t } = ctx;
    main.append(h('p', { class: 'mfa-muted', text: t('fraud.intro') }));
    if (ctx.perms.viewEvents) {
      main.append(reportsCard(ctx));
    }
    if (ctx.perms.viewRealm) {
      main.append(await settingsCard(ctx));
    }
  },
};
