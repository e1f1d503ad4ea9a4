// Phone import: users' phone numbers from MFA Server's CSV export or Entra's Graph JSON — a dry run first (the
// report), then the import; the report downloads as CSV. REST: POST mfa/imports/phones[?dry-run=true&partial=true].

/** Report lines shown on the page; the CSV download has them all. Problems are listed first. */
const SHOWN = 500;
const STATUS_LABEL = { added: 'pf-m-green', 'default-set': 'pf-m-green', 'already-there': 'pf-m-blue',
  skipped: 'pf-m-orange', 'not-imported': 'pf-m-grey' };
const CSV_COLUMNS = ['row', 'user', 'column', 'number', 'method', 'status', 'reason', 'message'];

export default {
  id: 'imports',
  i18n: 'imports',
  titleKey: 'imports.title',
  visible: perms => perms.manageUsers,
  async render(main, ctx) {
    const { h, t } = ctx;
    main.append(h('p', { class: 'mfa-muted', text: t('imports.intro') }));

    const reportArea = h('div', { id: 'imports-report', class: 'mfa-stack', 'aria-live': 'polite' });
    let checked = null; // {file, partial} of the last dry run that would go through
    const saved = ctx.draft('imports-phones').load() || {};
    const file = h('input', { type: 'file', id: 'imports-file', accept: '.csv,.json,text/csv,application/json',
      required: true });
    const partial = h('input', { type: 'checkbox', id: 'imports-partial', class: 'pf-v5-c-check__input',
      checked: Boolean(saved.partial) });
    const checkButton = h('button', { type: 'submit', id: 'imports-check', class: 'pf-v5-c-button pf-m-secondary',
      text: t('imports.check') });
    const importButton = h('button', { type: 'button', id: 'imports-import', class: 'pf-v5-c-button pf-m-primary',
      text: t('imports.import'), disabled: true });
    const forget = () => {
      checked = null;
      importButton.disabled = true;
    };
    for (const field of [file, partial]) {
      field.addEventListener('input', forget);
      field.addEventListener('change', forget);
    }
    partial.addEventListener('change', () => ctx.draft('imports-phones').save({ partial: partial.checked }));

    const form = h('form', { class: 'pf-v5-c-form', id: 'imports-form', novalidate: true,
      onsubmit: async e => {
        e.preventDefault();
        forget();
        if (!file.files.length) {
          reportArea.replaceChildren(inlineAlert(h, 'danger', t('imports.noFile')));
          file.focus();
          return;
        }
        const attempt = { file: file.files[0], partial: partial.checked };
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
        h('label', { class: 'pf-v5-c-form__label', for: 'imports-file' },
          h('span', { class: 'pf-v5-c-form__label-text', text: t('imports.file') }))),
      h('div', { class: 'pf-v5-c-form__group-control' },
        h('span', { class: 'pf-v5-c-form-control' }, file),
        h('p', { class: 'pf-v5-c-form__helper-text mfa-muted', text: t('imports.fileHelp') }))),
    h('div', { class: 'pf-v5-c-check' }, partial,
      h('label', { class: 'pf-v5-c-check__label', for: 'imports-partial', text: t('imports.partial') })),
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
          ctx.alert('success', t('imports.done', report.added, report.defaultsSet, report.alreadyThere));
        }
      } catch (err) {
        reportArea.replaceChildren(inlineAlert(h, 'danger', errorText(t, err)));
      } finally {
        checked = null;
      }
    });

    main.append(h('div', { class: 'pf-v5-c-card mfa-card', id: 'imports-card' },
      h('div', { class: 'pf-v5-c-card__title' }, h('h2', { class: 'pf-v5-c-card__title-text', text: t('imports.formTitle') })),
      h('div', { class: 'pf-v5-c-card__body mfa-stack' }, form, reportArea)));
  },
};

async function upload(ctx, attempt, dryRun) {
  const name = attempt.file.name.toLowerCase();
  const type = name.endsWith('.json') ? 'application/json' : name.endsWith('.csv') ? 'text/csv' : 'application/octet-stream';
  const query = {};
  if (dryRun) {
    query['dry-run'] = 'true';
  }
  if (attempt.partial) {
    query.partial = 'true';
  }
  try {
    const report = await ctx.api('mfa/imports/phones', { method: 'POST', query, headers: { 'Content-Type': type },
      body: attempt.file });
    return { ...report, accepted: true };
  } catch (err) {
    // a refused file still answers with its report (400, 413)
    if (err.body && typeof err.body === 'object' && Array.isArray(err.body.lines)) {
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
    title = t('imports.fileRefused', t('imports.reason.' + report.error) !== 'imports.reason.' + report.error
      ? t('imports.reason.' + report.error) : report.message || report.error);
  } else if (dryRun) {
    title = report.accepted ? t('imports.dryRunOk', report.added, report.defaultsSet, report.alreadyThere, report.skipped)
      : t('imports.dryRunRefused', report.skipped);
  } else {
    title = report.committed ? t('imports.done', report.added, report.defaultsSet, report.alreadyThere)
      : t('imports.refused');
  }
  const parts = [inlineAlert(h, kind, title, dryRun && report.accepted ? t('imports.dryRunNext') : null)];
  const lines = report.lines || [];
  if (lines.length) {
    const ordered = [...lines.filter(l => l.status === 'skipped'), ...lines.filter(l => l.status !== 'skipped')];
    const shown = ordered.slice(0, SHOWN);
    const caption = dryRun ? t('imports.dryRunTitle') : t('imports.reportTitle');
    parts.push(h('div', { class: 'mfa-toolbar' },
      h('button', { type: 'button', class: 'pf-v5-c-button pf-m-secondary', id: 'imports-csv', text: t('imports.csv'),
        onclick: () => ctx.download(dryRun ? 'phone-import-dry-run.csv' : 'phone-import-report.csv',
          new Blob([reportCsv(lines)], { type: 'text/csv;charset=utf-8' })) }),
      lines.length > SHOWN ? h('span', { class: 'mfa-muted', id: 'imports-shown', text: t('imports.shown', SHOWN, lines.length) }) : null));
    parts.push(h('div', { class: 'mfa-table-scroll' },
      h('table', { class: 'pf-v5-c-table pf-m-compact pf-m-grid-md', id: 'imports-report-table', 'aria-label': caption },
        h('caption', { class: 'pf-v5-c-table__caption', text: caption }),
        h('thead', { class: 'pf-v5-c-table__thead' }, h('tr', { class: 'pf-v5-c-table__tr' },
          ['row', 'user', 'column', 'number', 'state', 'message'].map(c => h('th', { class: 'pf-v5-c-table__th', scope: 'col', text: t('imports.col.' + c) })))),
        h('tbody', { class: 'pf-v5-c-table__tbody' }, shown.map(line => h('tr', { class: 'pf-v5-c-table__tr', dataset: { status: line.status, reason: line.reason || '' } },
          cell(h, t('imports.col.row'), String(line.row)),
          cell(h, t('imports.col.user'), line.user || ''),
          cell(h, t('imports.col.column'), line.column ? t('imports.column.' + line.column) : ''),
          cell(h, t('imports.col.number'), [line.number ? h('code', { text: line.number }) : '', line.method ? ' ' + t('imports.method.' + line.method) : '']),
          cell(h, t('imports.col.state'), label(h, line.status, t((dryRun && report.accepted ? 'imports.would.' : 'imports.status.') + line.status))),
          cell(h, t('imports.col.message'), line.reason ? (t('imports.reason.' + line.reason) !== 'imports.reason.' + line.reason
            ? t('imports.reason.' + line.reason) : line.message || line.reason) : '')))))));
  }
  area.replaceChildren(...parts);
}

/** RFC 4180 with a BOM, as the server's audit CSV: a cell that starts a formula (= + - @ tab CR) gets a leading '. */
export function reportCsv(lines) {
  const cellText = value => {
    let v = value === null || value === undefined ? '' : String(value);
    if (v && '=+-@\t\r'.includes(v[0])) {
      v = "'" + v;
    }
    return /[",\r\n]/.test(v) ? '"' + v.replace(/"/g, '""') + '"' : v;
  };
  const rows = [CSV_COLUMNS, ...lines.map(l => CSV_COLUMNS.map(c => l[c]))];
  return '\uFEFF' + rows.map(r => r.map(cellText).join(',')).join('\r\n') + '\r\n';
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
    return t('imports.forbidden');
  }
  if (err && err.status === 409) {
    return t('imports.busy');
  }
  return t('imports.failed', (err && (err.description || err.message)) || String(err));
}
