import {
  ACCESS_FORMAT_LABELS,
  ACCESS_FORMATS,
  OPT_OUT_CHANNEL_LABELS,
  SUBJECT_FIELD_LABELS,
  CORRECTABLE_FIELDS,
  JURISDICTION_LABELS,
  JURISDICTIONS,
  OPT_OUT_CHANNELS,
  OPT_OUT_SCOPES,
  REQUEST_KIND_LABELS,
  SUBMITTABLE_KINDS,
} from '@privacy-desk/shared';

/** The public request form and its answers: plain, accessible HTML that works without JavaScript. */

const escape = (value: unknown) =>
  String(value ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

const STYLE = `body{font-family:system-ui,sans-serif;max-width:42rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1a1a1a}
label{display:block;font-weight:600;margin-top:1rem}input,select,textarea{font:inherit;width:100%;padding:.4rem;box-sizing:border-box}
fieldset{margin-top:1.25rem;border:1px solid #bbb;padding:.5rem 1rem 1rem}legend{font-weight:600}
.choice{display:flex;gap:.5rem;align-items:center;font-weight:400;margin-top:.4rem}.choice input{width:auto}
.error{color:#b00020;font-weight:400}.hp{position:absolute;left:-10000px}button{margin-top:1.5rem;font:inherit;padding:.6rem 1.2rem}
.notice{background:#eef6ee;border-left:4px solid #2e7d32;padding:.75rem 1rem}.problem{background:#fdecea;border-left:4px solid #b00020;padding:.75rem 1rem}`;

export function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)} · Privacy Desk</title><style>${STYLE}</style></head><body><main>${body}</main></body></html>`;
}

export type FormValues = Record<string, string | string[] | undefined>;

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? '';
const many = (v: string | string[] | undefined) => (Array.isArray(v) ? v : v ? [v] : []);

export function formPage(values: FormValues = {}, errors: Record<string, string> = {}): string {
  const err = (field: string) =>
    errors[field] ? ` <span class="error" id="${field}-error">${escape(errors[field])}</span>` : '';
  const described = (field: string) =>
    errors[field] ? ` aria-invalid="true" aria-describedby="${field}-error"` : '';
  const option = (value: string, label: string, selected: string) =>
    `<option value="${escape(value)}"${value === selected ? ' selected' : ''}>${escape(label)}</option>`;
  const checkbox = (name: string, value: string, label: string) =>
    `<label class="choice"><input type="checkbox" name="${name}" value="${escape(value)}"${many(values[name]).includes(value) ? ' checked' : ''}> ${escape(label)}</label>`;
  const summary = Object.keys(errors).length
    ? `<p class="problem" role="alert">Please correct the marked fields.</p>`
    : '';
  return page(
    'Privacy request',
    `<h1>Make a privacy request</h1>
<p>You can ask us to correct your information, to stop contacting you, for a copy of what we hold about you, or for a report of to whom we disclosed it. We will email you a link to confirm your address; the request starts when you follow it.</p>
${summary}
<form method="post" action="/privacy" novalidate>
<label for="requesterName">Your name${err('requesterName')}</label>
<input id="requesterName" name="requesterName" autocomplete="name" required maxlength="200" value="${escape(one(values.requesterName))}"${described('requesterName')}>
<label for="requesterEmail">Your email${err('requesterEmail')}</label>
<input id="requesterEmail" name="requesterEmail" type="email" autocomplete="email" required maxlength="320" value="${escape(one(values.requesterEmail))}"${described('requesterEmail')}>
<label for="kind">What do you want to do?${err('kind')}</label>
<select id="kind" name="kind"${described('kind')}>${SUBMITTABLE_KINDS.map((k) => option(k, REQUEST_KIND_LABELS[k], one(values.kind))).join('')}</select>
<label for="jurisdiction">Jurisdiction${err('jurisdiction')}</label>
<select id="jurisdiction" name="jurisdiction">${option('', 'I am not sure', one(values.jurisdiction))}${JURISDICTIONS.map((j) => option(j, JURISDICTION_LABELS[j], one(values.jurisdiction))).join('')}</select>
<fieldset><legend>Details for a correction</legend>
<label for="correctionField">Which information is wrong?${err('payload.corrections.0.field')}</label>
<select id="correctionField" name="correctionField">${CORRECTABLE_FIELDS.map((f) => option(f, SUBJECT_FIELD_LABELS[f], one(values.correctionField))).join('')}</select>
<label for="details">Details (for a correction: the correct value)${err('payload.corrections.0.requestedValue')}</label>
<textarea id="details" name="details" rows="3" maxlength="500">${escape(one(values.details))}</textarea>
<label for="correctionField2">Anything else that is wrong? (optional)${err('payload.corrections.1.field')}</label>
<select id="correctionField2" name="correctionField2">${option('', 'Nothing else', one(values.correctionField2))}${CORRECTABLE_FIELDS.map((f) => option(f, SUBJECT_FIELD_LABELS[f], one(values.correctionField2))).join('')}</select>
<label for="details2">Its correct value${err('payload.corrections.1.requestedValue')}</label>
<textarea id="details2" name="details2" rows="2" maxlength="500">${escape(one(values.details2))}</textarea>
</fieldset>
<fieldset><legend>Details for an opt-out${err('payload.channels')}${err('payload.scopes')}</legend>
${OPT_OUT_CHANNELS.map((c) => checkbox('optOutChannels', c, `Stop contacting me by ${OPT_OUT_CHANNEL_LABELS[c].toLowerCase()}`)).join('')}
${OPT_OUT_SCOPES.map((s) => checkbox('optOutScopes', s, s === 'marketing_contact' ? 'No marketing contact' : 'Do not share my information with partners')).join('')}
</fieldset>
<fieldset><legend>Details for a copy of your information</legend>
<label for="accessFormat">Format</label>
<select id="accessFormat" name="accessFormat">${ACCESS_FORMATS.map((f) => option(f, ACCESS_FORMAT_LABELS[f], one(values.accessFormat))).join('')}</select>
</fieldset>
<fieldset><legend>Details for a disclosure report</legend>
<label for="periodStart">From${err('payload.periodStart')}</label><input id="periodStart" name="periodStart" type="date" value="${escape(one(values.periodStart))}">
<label for="periodEnd">To${err('payload.periodEnd')}</label><input id="periodEnd" name="periodEnd" type="date" value="${escape(one(values.periodEnd))}">
</fieldset>
<div class="hp" aria-hidden="true"><label for="website">Leave this empty</label><input id="website" name="website" tabindex="-1" autocomplete="off"></div>
<button type="submit">Send request</button>
</form>`,
  );
}

/** The kind-specific payload from the flat form fields. */
export function payloadFromForm(kind: string, values: FormValues): unknown {
  switch (kind) {
    case 'correction':
      return {
        corrections: [
          { field: one(values.correctionField), requestedValue: one(values.details) },
          // A second field, when the person names one.
          ...(one(values.correctionField2)
            ? [{ field: one(values.correctionField2), requestedValue: one(values.details2) }]
            : []),
        ],
      };
    case 'opt_out':
      return { channels: many(values.optOutChannels), scopes: many(values.optOutScopes) };
    case 'access':
      return { format: one(values.accessFormat) };
    case 'disclosure_report':
      return { periodStart: one(values.periodStart), periodEnd: one(values.periodEnd) };
    default:
      return {};
  }
}

export function submittedPage(linkHours: number): string {
  return page(
    'Check your email',
    `<h1>Check your email</h1><p class="notice" role="status">Thank you. We have sent you an email with a link to confirm your request. The link works for ${linkHours} hours. If you do not see the email, check your spam folder.</p>`,
  );
}

export function verifiedPage(reference: string, dueDate: string): string {
  return page(
    'Request confirmed',
    `<h1>Request confirmed</h1><p class="notice" role="status">Your request ${escape(reference)} is confirmed. We will answer by ${escape(dueDate)} at the latest, and we have emailed you an acknowledgement.</p>`,
  );
}

export function verifyProblemPage(outcome: 'expired' | 'invalid', linkHours: number): string {
  const text =
    outcome === 'expired'
      ? `This confirmation link has expired (links work for ${linkHours} hours). Please send your request again.`
      : 'This confirmation link is not valid, or it was already used. Please check that you copied the whole link.';
  return page(
    'Link not valid',
    `<h1>We could not confirm this request</h1><p class="problem" role="alert">${escape(text)}</p><p><a href="/privacy">Make a new request</a></p>`,
  );
}
