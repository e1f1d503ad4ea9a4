// Sign-in log: GET mfa/sign-ins (view-events; names and emails with view-users) with its filters, paging, CSV
// download and a row's full details; "find by helpdesk reference" (GET mfa/sign-ins?reference=…).
// Route: #/sign-ins, or #/sign-ins/ref/7KQ2-MX9D to open a reference directly.

import { methodName, reasonName } from './overview.js';

const PAGE_SIZE = 25;
const METHODS = ['sms', 'voice', 'otp', 'push', 'webauthn', 'webauthn-passwordless', 'app-password', 'trusted-device',
  'recovery-authn-codes', 'unknown'];
const FILTERS = ['user', 'from', 'to', 'method', 'result', 'risk', 'client'];
const RISKS = ['none', 'low', 'medium', 'high'];
const RISK_COLOURS = { none: 'pf-m-grey', low: 'pf-m-blue', medium: 'pf-m-orange', high: 'pf-m-red' };

/** The sign-in's risk level as a label, or nothing when the sign-in was not assessed (mfa_risk). */
function riskLabel(ctx, row) {
  const { h, t } = ctx;
  return row.risk ? h('span', { class: ['pf-v5-c-label', 'pf-m-compact', RISK_COLOURS[row.risk] || 'pf-m-grey', 'mfa-risk'] },
    h('span', { class: 'pf-v5-c-label__content', text: t('signIns.risk.' + row.risk) })) : '';
}

/** Signal ids (mfa_risk_signals) in words. */
function signalNames(t, ids) {
  return ids ? ids.split(',').map(id => t('signIns.signal.' + id)).join(', ') : null;
}

function field(ctx, id, labelKey, control) {
  const { h, t } = ctx;
  return h('div', { class: 'pf-v5-c-form__group mfa-filter' },
    h('div', { class: 'pf-v5-c-form__group-label' },
      h('label', { class: 'pf-v5-c-form__label', for: id }, h('span', { class: 'pf-v5-c-form__label-text', text: t(labelKey) }))),
    h('div', { class: 'pf-v5-c-form__group-control' },
      h('span', { class: control.tagName === 'SELECT' ? 'pf-v5-c-form-control pf-m-select' : 'pf-v5-c-form-control' }, control)));
}

function alert(ctx, kind, title, text) {
  const { h } = ctx;
  return h('div', { class: ['pf-v5-c-alert', 'pf-m-inline', 'pf-m-' + kind], role: kind === 'danger' ? 'alert' : 'status' },
    h('p', { class: 'pf-v5-c-alert__title', text: title }),
    text ? h('div', { class: 'pf-v5-c-alert__description', text }) : null);
}

function resultLabel(ctx, row) {
  const { h, t } = ctx;
  const ok = row.result === 'success';
  const label = h('span', { class: ['pf-v5-c-label', 'pf-m-compact', ok ? 'pf-m-green' : 'pf-m-red'] },
    h('span', { class: 'pf-v5-c-label__content', text: t(ok ? 'signIns.result.success' : 'signIns.result.failure') }));
  // the user reported this sign-in as not theirs (mfa_fraud_report)
  return row.reported ? [label, ' ', h('span', { class: 'pf-v5-c-label pf-m-compact pf-m-orange mfa-reported' },
    h('span', { class: 'pf-v5-c-label__content', text: t('signIns.reported') }))] : label;
}

/** The row's full details: every field of the row, then every detail of its stored event. */
function details(ctx, row) {
  const { h, t } = ctx;
  const fields = [
    ['signIns.col.time', ctx.time(row.time)], ['signIns.col.user', row.username], ['signIns.field.name', row.name],
    ['signIns.field.email', row.email], ['signIns.field.userId', row.userId], ['signIns.col.method', methodName(t, row.method)],
    ['signIns.col.result', t(row.result === 'success' ? 'signIns.result.success' : 'signIns.result.failure')],
    ['signIns.col.reason', reasonName(t, row.reason)], ['signIns.field.error', row.error], ['signIns.col.device', row.device],
    ['signIns.col.client', row.client], ['signIns.field.ip', row.ipAddress], ['signIns.field.node', row.node],
    ['signIns.field.reference', row.reference], ['signIns.field.reported', row.reported ? t('signIns.reported') : null],
    ['signIns.col.risk', row.risk ? t('signIns.risk.' + row.risk) : null],
    ['signIns.field.riskSignals', signalNames(t, row.riskSignals)],
    ['signIns.field.access', row.access],
    ['signIns.field.policies', row.policies], ['signIns.field.eventId', row.eventId],
  ].filter(([, v]) => v !== null && v !== undefined && v !== '');
  const pair = (term, value) => h('div', { class: 'pf-v5-c-description-list__group' },
    h('dt', { class: 'pf-v5-c-description-list__term' }, h('span', { class: 'pf-v5-c-description-list__text', text: term })),
    h('dd', { class: 'pf-v5-c-description-list__description' },
      h('div', { class: 'pf-v5-c-description-list__text mfa-break', text: String(value) })));
  const eventDetails = Object.entries(row.details || {});
  return h('div', { class: 'mfa-sign-in-details', dataset: { eventId: row.eventId || '' } },
    h('dl', { class: 'pf-v5-c-description-list pf-m-compact pf-m-2-col-on-lg' }, fields.map(([key, v]) => pair(t(key), v))),
    eventDetails.length ? h('h3', { class: 'pf-v5-c-title pf-m-md mfa-details-title', text: t('signIns.eventDetails') }) : null,
    eventDetails.length ? h('dl', { class: 'pf-v5-c-description-list pf-m-compact pf-m-horizontal mfa-event-details' },
      eventDetails.map(([k, v]) => pair(k, v))) : null);
}

/** The rows as an expandable PatternFly table: each row's toggle shows its full details below it. */
function table(ctx, rows, { expandAll = false } = {}) {
  const { h, t } = ctx;
  const headers = ['signIns.col.time', 'signIns.col.user', 'signIns.col.method', 'signIns.col.result',
    'signIns.col.reason', 'signIns.col.risk', 'signIns.col.device', 'signIns.col.client'];
  const bodies = rows.map((row, i) => {
    const detailId = 'mfa-sign-in-detail-' + i;
    const detailRow = h('tr', { class: ['pf-v5-c-table__tr', 'pf-v5-c-table__expandable-row', expandAll ? 'pf-m-expanded' : null],
      id: detailId, hidden: !expandAll },
      h('td', { class: 'pf-v5-c-table__td', colspan: String(headers.length + 1) }, h('div', { class: 'pf-v5-c-table__expandable-row-content' },
        details(ctx, row))));
    const toggle = h('button', { type: 'button', class: 'pf-v5-c-button pf-m-plain mfa-row-toggle',
      'aria-expanded': String(expandAll), 'aria-controls': detailId,
      'aria-label': t('signIns.showDetails', ctx.time(row.time)),
      onclick: () => {
        const open = detailRow.hidden;
        detailRow.hidden = !open;
        detailRow.classList.toggle('pf-m-expanded', open);
        toggle.setAttribute('aria-expanded', String(open));
        toggle.textContent = open ? '▾' : '▸';
        tbody.classList.toggle('pf-m-expanded', open);
      }, text: expandAll ? '▾' : '▸' });
    const cell = (labelKey, ...content) => h('td', { class: 'pf-v5-c-table__td', dataset: { label: t(labelKey) } }, ...content);
    const tbody = h('tbody', { class: ['pf-v5-c-table__tbody', 'mfa-sign-in', expandAll ? 'pf-m-expanded' : null], role: 'rowgroup',
      dataset: { eventId: row.eventId || '', result: row.result, method: row.method || '', reported: String(Boolean(row.reported)),
        risk: row.risk || '' } },
    h('tr', { class: 'pf-v5-c-table__tr' },
      h('td', { class: 'pf-v5-c-table__td pf-v5-c-table__toggle' }, toggle),
      cell('signIns.col.time', h('span', { class: 'mfa-nowrap', text: ctx.time(row.time) })),
      cell('signIns.col.user', row.username || row.userId || ''),
      cell('signIns.col.method', methodName(ctx.t, row.method)),
      cell('signIns.col.result', resultLabel(ctx, row)),
      cell('signIns.col.reason', reasonName(ctx.t, row.reason)),
      cell('signIns.col.risk', riskLabel(ctx, row)),
      cell('signIns.col.device', row.device || ''),
      cell('signIns.col.client', row.client || '')),
    detailRow);
    return tbody;
  });
  return h('div', { class: 'mfa-table-scroll' },
    h('table', { class: 'pf-v5-c-table pf-m-compact pf-m-grid-lg mfa-sign-ins-table', role: 'grid',
      'aria-label': t('signIns.tableLabel') },
    h('thead', { class: 'pf-v5-c-table__thead' }, h('tr', { class: 'pf-v5-c-table__tr' },
      h('td', { class: 'pf-v5-c-table__td pf-v5-c-table__toggle' }),
      headers.map(key => h('th', { class: 'pf-v5-c-table__th', scope: 'col', text: t(key) })))),
    bodies));
}

export default {
  id: 'sign-ins',
  i18n: 'sign-ins',
  titleKey: 'signIns.title',
  visible: perms => perms.viewEvents,

  async render(main, ctx, params) {
    const { h, t } = ctx;
    const draft = ctx.draft('sign-ins');
    const saved = draft.load() || {};
    const state = { first: 0 };

    // --- find by helpdesk reference ---
    const refInput = h('input', { id: 'mfa-reference', type: 'text', autocomplete: 'off',
      spellcheck: 'false', placeholder: '7KQ2-MX9D', value: saved.reference || '' });
    const refResult = h('div', { id: 'mfa-reference-result', 'aria-live': 'polite' });
    const refForm = h('form', { class: 'pf-v5-c-form mfa-reference-form', id: 'mfa-reference-form', novalidate: true,
      onsubmit: async e => {
        e.preventDefault();
        await findReference(refInput.value);
      } },
    h('div', { class: 'mfa-toolbar' },
      field(ctx, 'mfa-reference', 'signIns.reference.label', refInput),
      h('div', { class: 'pf-v5-c-form__group mfa-filter-actions' },
        h('button', { type: 'submit', class: 'pf-v5-c-button pf-m-secondary', id: 'mfa-reference-find',
          text: t('signIns.reference.find') }))),
    h('p', { class: 'pf-v5-c-form__helper-text mfa-muted', text: t('signIns.reference.help') }));

    async function findReference(typed) {
      const value = typed.trim();
      draft.save({ ...collect(), reference: value });
      if (!value) {
        refResult.replaceChildren();
        return;
      }
      refResult.replaceChildren(h('p', { class: 'mfa-muted', text: t('signIns.loading') }));
      try {
        const rows = await ctx.api('mfa/sign-ins', { query: { reference: value } });
        refResult.replaceChildren(rows.length
          ? h('div', { class: 'mfa-stack' }, h('p', { role: 'status', text: t('signIns.reference.found', rows[0].reference || value) }),
            table(ctx, rows, { expandAll: true }))
          : alert(ctx, 'info', t('signIns.reference.none', value)));
      } catch (e) {
        refResult.replaceChildren(alert(ctx, 'danger', t(e.status === 400 ? 'signIns.reference.invalid' : 'signIns.failed'),
          e.status === 400 ? '' : e.description || e.message));
      }
    }

    // --- filters ---
    const inputs = {
      user: h('input', { id: 'mfa-filter-user', type: 'text', value: saved.user || '' }),
      from: h('input', { id: 'mfa-filter-from', type: 'date', value: saved.from || '' }),
      to: h('input', { id: 'mfa-filter-to', type: 'date', value: saved.to || '' }),
      method: h('select', { id: 'mfa-filter-method' },
        h('option', { value: '', text: t('signIns.any') }),
        METHODS.map(m => h('option', { value: m, selected: saved.method === m, text: methodName(t, m) }))),
      result: h('select', { id: 'mfa-filter-result' },
        h('option', { value: '', text: t('signIns.any') }),
        h('option', { value: 'success', selected: saved.result === 'success', text: t('signIns.result.success') }),
        h('option', { value: 'failure', selected: saved.result === 'failure', text: t('signIns.result.failure') })),
      risk: h('select', { id: 'mfa-filter-risk' },
        h('option', { value: '', text: t('signIns.any') }),
        RISKS.map(r => h('option', { value: r, selected: saved.risk === r, text: t('signIns.risk.' + r) }))),
      client: h('input', { id: 'mfa-filter-client', type: 'text', value: saved.client || '' }),
    };
    function collect() {
      const out = {};
      FILTERS.forEach(k => { out[k] = inputs[k].value.trim(); });
      return out;
    }
    Object.values(inputs).forEach(el => el.addEventListener('input', () => draft.save({ ...collect(), reference: refInput.value })));
    refInput.addEventListener('input', () => draft.save({ ...collect(), reference: refInput.value }));

    const results = h('div', { id: 'mfa-sign-ins-results', 'aria-live': 'polite' });
    const prev = h('button', { type: 'button', class: 'pf-v5-c-button pf-m-secondary', id: 'mfa-page-prev',
      text: t('signIns.previous'), onclick: () => { state.first = Math.max(0, state.first - PAGE_SIZE); load(); } });
    const next = h('button', { type: 'button', class: 'pf-v5-c-button pf-m-secondary', id: 'mfa-page-next',
      text: t('signIns.next'), onclick: () => { state.first += PAGE_SIZE; load(); } });
    const pageInfo = h('span', { class: 'mfa-muted', id: 'mfa-page-info' });
    const csv = h('button', { type: 'button', class: 'pf-v5-c-button pf-m-secondary', id: 'mfa-sign-ins-csv',
      text: t('signIns.csv'), onclick: () => downloadCsv() });

    const filterForm = h('form', { class: 'pf-v5-c-form', id: 'mfa-sign-ins-filters', novalidate: true,
      onsubmit: e => { e.preventDefault(); state.first = 0; load(); } },
    h('div', { class: 'mfa-toolbar' },
      field(ctx, 'mfa-filter-user', 'signIns.filter.user', inputs.user),
      field(ctx, 'mfa-filter-from', 'signIns.filter.from', inputs.from),
      field(ctx, 'mfa-filter-to', 'signIns.filter.to', inputs.to),
      field(ctx, 'mfa-filter-method', 'signIns.col.method', inputs.method),
      field(ctx, 'mfa-filter-result', 'signIns.col.result', inputs.result),
      field(ctx, 'mfa-filter-risk', 'signIns.col.risk', inputs.risk),
      field(ctx, 'mfa-filter-client', 'signIns.col.client', inputs.client),
      h('div', { class: 'pf-v5-c-form__group mfa-filter-actions' },
        h('div', { class: 'pf-v5-c-form__actions' },
          h('button', { type: 'submit', class: 'pf-v5-c-button pf-m-primary', id: 'mfa-sign-ins-apply', text: t('signIns.apply') }),
          h('button', { type: 'button', class: 'pf-v5-c-button pf-m-link', id: 'mfa-sign-ins-clear', text: t('signIns.clear'),
            onclick: () => {
              FILTERS.forEach(k => { inputs[k].value = ''; });
              draft.save({ ...collect(), reference: refInput.value });
              state.first = 0;
              load();
            } })))));

    function query() {
      const q = collect();
      // dates are whole days where the admin is: sent as epoch milliseconds of that day's start and end
      if (q.from) {
        q.from = String(new Date(q.from + 'T00:00:00').getTime());
      }
      if (q.to) {
        q.to = String(new Date(q.to + 'T23:59:59.999').getTime());
      }
      return q;
    }

    async function load() {
      results.replaceChildren(h('p', { class: 'mfa-muted mfa-loading', text: t('signIns.loading') }));
      try {
        const response = await ctx.api('mfa/sign-ins', { query: { ...query(), first: state.first, max: PAGE_SIZE }, raw: true });
        const rows = await response.json();
        const truncated = response.headers.get('X-Mfa-Scan-Truncated') === 'true';
        prev.disabled = state.first === 0;
        next.disabled = rows.length < PAGE_SIZE;
        pageInfo.textContent = rows.length ? t('signIns.rows', state.first + 1, state.first + rows.length) : '';
        results.replaceChildren(
          truncated ? alert(ctx, 'warning', t('signIns.truncated')) : '',
          rows.length ? table(ctx, rows) : h('div', { class: 'pf-v5-c-empty-state pf-m-sm', id: 'mfa-sign-ins-empty' },
            h('div', { class: 'pf-v5-c-empty-state__content' },
              h('h2', { class: 'pf-v5-c-title pf-m-md', text: t('signIns.empty.title') }),
              h('div', { class: 'pf-v5-c-empty-state__body', text: t('signIns.empty.text') }))));
      } catch (e) {
        results.replaceChildren(alert(ctx, 'danger', t('signIns.failed'), e.description || e.message));
      }
    }

    async function downloadCsv() {
      try {
        const response = await ctx.api('mfa/sign-ins', { query: { ...query(), format: 'csv', max: 10000 }, raw: true,
          headers: { Accept: 'text/csv' } });
        ctx.download('mfa-sign-ins.csv', await response.blob());
      } catch (e) {
        ctx.alert('danger', t('signIns.csvFailed', e.description || e.message));
      }
    }

    main.replaceChildren(
      h('div', { class: 'pf-v5-c-card mfa-card' },
        h('div', { class: 'pf-v5-c-card__title' }, h('h2', { class: 'pf-v5-c-title pf-m-lg', text: t('signIns.reference.title') })),
        h('div', { class: 'pf-v5-c-card__body' }, refForm, refResult)),
      h('div', { class: 'pf-v5-c-card mfa-card' },
        h('div', { class: 'pf-v5-c-card__title' }, h('h2', { class: 'pf-v5-c-title pf-m-lg', text: t('signIns.log') })),
        h('div', { class: 'pf-v5-c-card__body' }, filterForm,
          h('div', { class: 'mfa-toolbar mfa-paging' }, prev, next, pageInfo, h('span', { class: 'mfa-spacer' }), csv),
          results)));

    const rest = params?.rest || [];
    if (rest[0] === 'ref' && rest[1]) {
      refInput.value = rest[1];
      findReference(rest[1]);
    }
    await load();
  },
};
