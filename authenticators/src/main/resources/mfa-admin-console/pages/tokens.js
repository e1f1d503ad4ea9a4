// Hardware tokens: import a CSV or PSKC file (a dry run first, then the import), the pool and the assigned tokens,
// assign a pooled token to a user. REST: POST/GET mfa/oath-tokens, POST mfa/oath-tokens/{serial}/assign.

const PAGE_SIZE = 20;
const STATUS_LABEL = { assigned: 'pf-m-green', imported: 'pf-m-blue', skipped: 'pf-m-orange', 'not-imported': 'pf-m-grey',
  pool: 'pf-m-blue' };

export default {
  id: 'tokens',
  i18n: 'tokens',
  titleKey: 'tokens.title',
  visible: perms => perms.viewUsers,
  async render(main, ctx) {
    const { h, t } = ctx;
    const canManage = ctx.perms.manageUsers;
    const listState = { status: 'pool', first: 0 };

    main.append(h('p', { class: 'mfa-muted', text: t(canManage ? 'tokens.intro' : 'tokens.introView') }));

    // ---------- import ----------
    const reportArea = h('div', { id: 'tokens-report', class: 'mfa-stack', 'aria-live': 'polite' });
    let checked = null; // {file, partial, key, password} of the last dry run that would go through
    if (canManage) {
      const saved = ctx.draft('tokens-import').load() || {};
      const file = h('input', { type: 'file', id: 'tokens-file',
        accept: '.csv,.xml,.pskc,text/csv,application/xml,application/pskc+xml', required: true });
      const key = h('input', { type: 'password', id: 'tokens-key', autocomplete: 'off',
        spellcheck: 'false' });
      const password = h('input', { type: 'password', id: 'tokens-password', autocomplete: 'off' });
      const partial = h('input', { type: 'checkbox', id: 'tokens-partial', class: 'pf-v5-c-check__input',
        checked: Boolean(saved.partial) });
      const checkButton = h('button', { type: 'submit', id: 'tokens-check', class: 'pf-v5-c-button pf-m-secondary',
        text: t('tokens.check') });
      const importButton = h('button', { type: 'button', id: 'tokens-import', class: 'pf-v5-c-button pf-m-primary',
        text: t('tokens.import'), disabled: true });
      const forget = () => {
        checked = null;
        importButton.disabled = true;
      };
      for (const field of [file, key, password, partial]) {
        field.addEventListener('input', forget);
        field.addEventListener('change', forget);
      }
      partial.addEventListener('change', () => ctx.draft('tokens-import').save({ partial: partial.checked }));

      const form = h('form', { class: 'pf-v5-c-form', id: 'tokens-import-form', novalidate: true,
        onsubmit: async e => {
          e.preventDefault();
          forget();
          if (!file.files.length) {
            reportArea.replaceChildren(inlineAlert(h, 'danger', t('tokens.noFile')));
            file.focus();
            return;
          }
          const attempt = { file: file.files[0], partial: partial.checked, key: key.value.trim(), password: password.value };
          checkButton.disabled = true;
          try {
            const report = await upload(ctx, attempt, true);
            showReport(ctx, reportArea, report, true);
            if (report.accepted) {
              checked = attempt;
              importButton.disabled = false;
              importButton.focus();
            }
          } catch (err) {
            reportArea.replaceChildren(inlineAlert(h, 'danger', errorText(t, err)));
          } finally {
            checkButton.disabled = false;
          }
        } },
      h('div', { class: 'pf-v5-c-form__group' },
        h('div', { class: 'pf-v5-c-form__group-label' },
          h('label', { class: 'pf-v5-c-form__label', for: 'tokens-file' },
            h('span', { class: 'pf-v5-c-form__label-text', text: t('tokens.file') }))),
        h('div', { class: 'pf-v5-c-form__group-control' }, control(h, file),
          h('p', { class: 'pf-v5-c-form__helper-text mfa-muted', text: t('tokens.fileHelp') }))),
      h('details', { class: 'mfa-pskc-keys' },
        h('summary', { text: t('tokens.encrypted') }),
        h('div', { class: 'pf-v5-c-form__group' },
          h('label', { class: 'pf-v5-c-form__label', for: 'tokens-key' },
            h('span', { class: 'pf-v5-c-form__label-text', text: t('tokens.key') })),
          control(h, key)),
        h('div', { class: 'pf-v5-c-form__group' },
          h('label', { class: 'pf-v5-c-form__label', for: 'tokens-password' },
            h('span', { class: 'pf-v5-c-form__label-text', text: t('tokens.password') })),
          control(h, password))),
      h('div', { class: 'pf-v5-c-check' }, partial,
        h('label', { class: 'pf-v5-c-check__label', for: 'tokens-partial', text: t('tokens.partial') })),
      h('div', { class: 'pf-v5-c-form__group pf-m-action' },
        h('div', { class: 'pf-v5-c-form__actions' }, checkButton, importButton)));

      importButton.addEventListener('click', async () => {
        if (!checked) {
          return;
        }
        importButton.disabled = true;
        try {
          const report = await upload(ctx, checked, false);
          showReport(ctx, reportArea, report, false);
          if (report.committed) {
            ctx.alert('success', t('tokens.imported', report.imported, report.assigned, report.pooled));
            listState.first = 0;
            await loadList();
          }
        } catch (err) {
          reportArea.replaceChildren(inlineAlert(h, 'danger', errorText(t, err)));
        } finally {
          checked = null;
        }
      });

      main.append(card(h, 'tokens-import-card', t('tokens.importTitle'), form, reportArea));
    }

    // ---------- assign ----------
    const assignArea = h('div', { id: 'tokens-assign-area' });

    function openAssign(serial) {
      const user = h('input', { type: 'text', id: 'tokens-assign-user', required: true,
        autocomplete: 'off', spellcheck: 'false' });
      const saved = ctx.draft('tokens-assign').load();
      if (saved && saved.serial === serial) {
        user.value = saved.user || '';
      }
      user.addEventListener('input', () => ctx.draft('tokens-assign').save({ serial, user: user.value }));
      const message = h('div', { 'aria-live': 'polite' });
      const submit = h('button', { type: 'submit', id: 'tokens-assign-submit', class: 'pf-v5-c-button pf-m-primary',
        text: t('tokens.assign') });
      const form = h('form', { class: 'pf-v5-c-form', id: 'tokens-assign-form', novalidate: true,
        onsubmit: async e => {
          e.preventDefault();
          const name = user.value.trim();
          if (!name) {
            message.replaceChildren(inlineAlert(h, 'danger', t('tokens.userRequired')));
            user.focus();
            return;
          }
          submit.disabled = true;
          try {
            const found = await ctx.api('users', { query: { username: name, exact: 'true', briefRepresentation: 'true' } });
            if (!found || !found.length) {
              message.replaceChildren(inlineAlert(h, 'danger', t('tokens.noSuchUser', name)));
              user.focus();
              return;
            }
            const answer = await ctx.api('mfa/oath-tokens/' + encodeURIComponent(serial) + '/assign',
              { method: 'POST', body: { user: found[0].id } });
            ctx.draft('tokens-assign').clear();
            assignArea.replaceChildren();
            ctx.alert('success', answer.activation === 'pending'
              ? t('tokens.assignedPending', serial, answer.user) : t('tokens.assigned', serial, answer.user));
            await loadList();
          } catch (err) {
            message.replaceChildren(inlineAlert(h, 'danger', errorText(t, err)));
          } finally {
            submit.disabled = false;
          }
        } },
      h('div', { class: 'pf-v5-c-form__group' },
        h('label', { class: 'pf-v5-c-form__label', for: 'tokens-assign-user' },
          h('span', { class: 'pf-v5-c-form__label-text', text: t('tokens.username') })),
        control(h, user)),
      message,
      h('div', { class: 'pf-v5-c-form__actions' }, submit,
        h('button', { type: 'button', class: 'pf-v5-c-button pf-m-link', text: t('tokens.cancel'),
          onclick: () => { ctx.draft('tokens-assign').clear(); assignArea.replaceChildren(); } })));
      assignArea.replaceChildren(card(h, 'tokens-assign-card', t('tokens.assignTitle', serial), form));
      user.focus();
    }

    // ---------- the pool and the assigned tokens ----------
    const statusSelect = h('select', { id: 'tokens-status',
      onchange: e => { listState.status = e.target.value; listState.first = 0; loadList(); } },
    ['pool', 'assigned', 'all'].map(s => h('option', { value: s, text: t('tokens.status.' + s), selected: s === listState.status })));
    const listArea = h('div', { id: 'tokens-list', 'aria-live': 'polite' });
    const prev = h('button', { type: 'button', class: 'pf-v5-c-button pf-m-secondary', id: 'tokens-prev',
      text: t('tokens.previous'), onclick: () => { listState.first = Math.max(0, listState.first - PAGE_SIZE); loadList(); } });
    const next = h('button', { type: 'button', class: 'pf-v5-c-button pf-m-secondary', id: 'tokens-next',
      text: t('tokens.next'), onclick: () => { listState.first += PAGE_SIZE; loadList(); } });
    const pageInfo = h('span', { class: 'mfa-muted', id: 'tokens-page-info' });

    main.append(card(h, 'tokens-list-card', t('tokens.listTitle'),
      h('div', { class: 'mfa-toolbar' },
        h('div', { class: 'pf-v5-c-form__group' },
          h('label', { class: 'pf-v5-c-form__label', for: 'tokens-status' },
            h('span', { class: 'pf-v5-c-form__label-text', text: t('tokens.show') })),
          control(h, statusSelect, 'mfa-select'))),
      listArea,
      h('div', { class: 'mfa-toolbar mfa-pager' }, prev, pageInfo, next)));
    main.append(assignArea);

    async function loadList() {
      let tokens;
      try {
        tokens = await ctx.api('mfa/oath-tokens', { query: { status: listState.status, first: listState.first, max: PAGE_SIZE } });
      } catch (err) {
        listArea.replaceChildren(inlineAlert(h, 'danger', errorText(t, err)));
        return;
      }
      prev.disabled = listState.first === 0;
      next.disabled = tokens.length < PAGE_SIZE;
      pageInfo.textContent = tokens.length ? t('tokens.range', listState.first + 1, listState.first + tokens.length) : '';
      if (!tokens.length) {
        listArea.replaceChildren(h('div', { class: 'pf-v5-c-empty-state pf-m-sm', id: 'tokens-empty' },
          h('div', { class: 'pf-v5-c-empty-state__content' },
            h('div', { class: 'pf-v5-c-empty-state__body', text: t('tokens.empty.' + listState.status) }))));
        return;
      }
      const headers = ['serial', 'type', 'device', 'state', 'user', 'importedDate'];
      listArea.replaceChildren(h('div', { class: 'mfa-table-scroll' },
        h('table', { class: 'pf-v5-c-table pf-m-compact pf-m-grid-md', role: 'grid', 'aria-label': t('tokens.listTitle') },
          h('thead', { class: 'pf-v5-c-table__thead' }, h('tr', { class: 'pf-v5-c-table__tr' },
            headers.map(c => h('th', { class: 'pf-v5-c-table__th', scope: 'col', text: t('tokens.col.' + c) })),
            canManage ? h('th', { class: 'pf-v5-c-table__th', scope: 'col' }, h('span', { class: 'pf-v5-screen-reader', text: t('tokens.col.actions') })) : null)),
          h('tbody', { class: 'pf-v5-c-table__tbody' }, tokens.map(tok => h('tr', { class: 'pf-v5-c-table__tr', dataset: { serial: tok.serial } },
            cell(h, t('tokens.col.serial'), h('code', { text: tok.serial })),
            cell(h, t('tokens.col.type'), [tok.type === 'totp' ? 'TOTP' : 'HOTP', ' · ', String(tok.digits), ' · ',
              tok.algorithm || '', tok.type === 'totp' && tok.period ? ' · ' + tok.period + ' s' : '']),
            cell(h, t('tokens.col.device'), [tok.manufacturer, tok.model].filter(Boolean).join(' ')),
            cell(h, t('tokens.col.state'), label(h, tok.status, t('tokens.status.' + tok.status))),
            cell(h, t('tokens.col.user'), tok.user || ''),
            cell(h, t('tokens.col.importedDate'), ctx.time(tok.importedDate)),
            canManage ? cell(h, t('tokens.col.actions'), tok.status === 'pool'
              ? h('button', { type: 'button', class: 'pf-v5-c-button pf-m-secondary pf-m-small tokens-assign',
                dataset: { serial: tok.serial }, text: t('tokens.assign'),
                'aria-label': t('tokens.assignSerial', tok.serial), onclick: () => openAssign(tok.serial) })
              : '') : null))))));
    }

    const pendingAssign = canManage ? ctx.draft('tokens-assign').load() : null;
    await loadList();
    if (pendingAssign && pendingAssign.serial) {
      openAssign(pendingAssign.serial);
    }
  },
};

async function upload(ctx, attempt, dryRun) {
  const name = attempt.file.name.toLowerCase();
  const type = name.endsWith('.csv') ? 'text/csv' : (name.endsWith('.xml') || name.endsWith('.pskc'))
    ? 'application/pskc+xml' : 'application/octet-stream';
  const headers = { 'Content-Type': type };
  if (attempt.key) {
    headers['X-MFA-PSKC-Key'] = attempt.key;
  }
  if (attempt.password) {
    headers['X-MFA-PSKC-Password'] = attempt.password;
  }
  const query = {};
  if (dryRun) {
    query['dry-run'] = 'true';
  }
  if (attempt.partial) {
    query.partial = 'true';
  }
  try {
    const report = await ctx.api('mfa/oath-tokens', { method: 'POST', query, headers, body: attempt.file });
    return { ...report, accepted: true };
  } catch (err) {
    // a refused file still answers with its report (400, 409, 413)
    if (err.body && typeof err.body === 'object' && Array.isArray(err.body.rows)) {
      return { ...err.body, accepted: false };
    }
    throw err;
  }
}

function showReport(ctx, area, report, dryRun) {
  const { h, t } = ctx;
  const kind = report.accepted ? (report.skipped ? 'warning' : 'success') : 'danger';
  let title;
  if (report.error) {
    title = t('tokens.fileRefused', report.message || report.error);
  } else if (dryRun) {
    title = report.accepted ? t('tokens.dryRunOk', report.imported, report.assigned, report.pooled, report.skipped)
      : t('tokens.dryRunRefused', report.skipped);
  } else {
    title = report.committed ? t('tokens.imported', report.imported, report.assigned, report.pooled)
      : t('tokens.importRefused');
  }
  const parts = [inlineAlert(h, kind, title, dryRun && report.accepted ? t('tokens.dryRunNext') : null)];
  if (report.activation === 'pending') {
    parts.push(inlineAlert(h, 'info', t('tokens.activationPending')));
  }
  if (report.rows && report.rows.length) {
    parts.push(h('div', { class: 'mfa-table-scroll' },
      h('table', { class: 'pf-v5-c-table pf-m-compact pf-m-grid-md', id: 'tokens-report-table',
        'aria-label': dryRun ? t('tokens.dryRunTitle') : t('tokens.reportTitle') },
      h('caption', { class: 'pf-v5-c-table__caption', text: dryRun ? t('tokens.dryRunTitle') : t('tokens.reportTitle') }),
      h('thead', { class: 'pf-v5-c-table__thead' }, h('tr', { class: 'pf-v5-c-table__tr' },
        ['row', 'serial', 'user', 'state', 'message'].map(c => h('th', { class: 'pf-v5-c-table__th', scope: 'col', text: t('tokens.col.' + c) })))),
      h('tbody', { class: 'pf-v5-c-table__tbody' }, report.rows.map(row => h('tr', { class: 'pf-v5-c-table__tr', dataset: { status: row.status } },
        cell(h, t('tokens.col.row'), String(row.row)),
        cell(h, t('tokens.col.serial'), h('code', { text: row.serial || '' })),
        cell(h, t('tokens.col.user'), row.user || ''),
        cell(h, t('tokens.col.state'), label(h, row.status, t((dryRun && report.accepted ? 'tokens.would.' : 'tokens.row.') + row.status))),
        cell(h, t('tokens.col.message'), row.reason ? t('tokens.reason.' + row.reason) !== 'tokens.reason.' + row.reason
          ? t('tokens.reason.' + row.reason) : (row.message || row.reason) : (row.label || ''))))))));
  }
  area.replaceChildren(...parts);
}

/** PatternFly 5's form control: a span around the input or select (the select gets its caret). */
function control(h, field, extra) {
  return h('span', { class: ['pf-v5-c-form-control', extra] }, field,
    field.tagName === 'SELECT' ? h('span', { class: 'pf-v5-c-form-control__utilities' },
      h('span', { class: 'pf-v5-c-form-control__toggle-icon mfa-caret', 'aria-hidden': 'true' })) : null);
}

function card(h, id, title, ...body) {
  return h('div', { class: 'pf-v5-c-card mfa-card', id },
    h('div', { class: 'pf-v5-c-card__title' }, h('h2', { class: 'pf-v5-c-card__title-text', text: title })),
    h('div', { class: 'pf-v5-c-card__body mfa-stack' }, body));
}

function cell(h, heading, content) {
  return h('td', { class: 'pf-v5-c-table__td', dataset: { label: heading } }, content);
}

function label(h, status, text) {
  return h('span', { class: ['pf-v5-c-label', 'pf-m-compact', STATUS_LABEL[status] || 'pf-m-grey'] },
    h('span', { class: 'pf-v5-c-label__content', text }));
}

function inlineAlert(h, kind, title, text) {
  return h('div', { class: ['pf-v5-c-alert', 'pf-m-inline', 'pf-m-' + kind], role: kind === 'danger' ? 'alert' : null },
    h('div', { class: 'pf-v5-c-alert__icon mfa-alert-icon', 'aria-hidden': 'true', text: kind === 'success' ? '✓' : '!' }),
    h('p', { class: 'pf-v5-c-alert__title', text: title }),
    text ? h('div', { class: 'pf-v5-c-alert__description' }, h('p', { text })) : null);
}

function errorText(t, err) {
  if (err && err.status === 403) {
    return t('tokens.forbidden');
  }
  if (err && err.status === 404 && err.error === 'unknown-user') {
    return t('tokens.noSuchUserPlain');
  }
  if (err && err.status === 409) {
    return t('tokens.conflict', err.description || err.error || '');
  }
  return t('tokens.failed', (err && (err.description || err.message)) || String(err));
}
