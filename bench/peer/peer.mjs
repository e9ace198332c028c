// The peer (issue 28): what a team writes instead of adopting Outbound Sync, kept honest: the same drop, the same
// checks as tutorial 003 asks (a phone parsed with libphonenumber-js to E.164 in the default region and valid, an
// e-mail address, consent required and a boolean, do-not-call honoured, the internal DNC file, the first occurrence
// of a contact kept), the same sandbox and the same upserts: POST /api/v2/outbound/contactlists/{id}/contacts with
// batches of 1,000 contacts, two requests in flight. Rejected rows go to a rejects file with their reason.
// Usage: node bench/peer/peer.mjs API_URL DROP.csv LIST_NAME DNC_FILE REJECTS.csv
import fs from 'node:fs';
import { parse } from 'csv-parse';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

const [apiUrl, dropFile, listName, dncFile, rejectsFile] = process.argv.slice(2);
const BATCH = 1000;
const IN_FLIGHT = 2;
const COLUMNS = ['externalId', 'firstName', 'lastName', 'phone', 'email', 'consent', 'doNotCall', 'age', 'region',
  'engagementScore', 'lifetimeValue', 'leadAgeDays'];
const TRUE = new Set(['true', 'yes', 'y', '1']);
const FALSE = new Set(['false', 'no', 'n', '0']);
// the HTML living standard's e-mail address (what browsers check), as tutorial 003's EMAIL_REGEX stands for
const EMAIL = /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)+$/;

function e164(text) {
  const number = parsePhoneNumberFromString(text, 'US');
  return number && number.isValid() ? number.number : null;
}

async function token() {
  const res = await fetch(`${apiUrl}/oauth/token`, {
    method: 'POST',
    headers: { Authorization: 'Basic ' + Buffer.from('sandbox-client:sandbox-secret').toString('base64'),
      'Content-Type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=client_credentials',
  });
  if (!res.ok) throw new Error(`login: ${res.status} ${await res.text()}`);
  return (await res.json()).access_token;
}

const bearer = await token();
const headers = { Authorization: `Bearer ${bearer}`, 'Content-Type': 'application/json' };

async function call(method, path, body) {
  for (let attempt = 1; ; attempt++) {
    const res = await fetch(apiUrl + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    if (res.status === 429 && attempt < 5) {
      await new Promise((r) => setTimeout(r, 1000 * Number(res.headers.get('retry-after') || 1)));
      continue;
    }
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return res.status === 204 ? null : res.json();
  }
}

const list = await call('POST', '/api/v2/outbound/contactlists', {
  name: listName, columnNames: COLUMNS, phoneColumns: [{ columnName: 'phone', type: 'cell' }],
  emailColumns: [{ columnName: 'email', type: 'personal' }],
});
const dnc = new Set(fs.readFileSync(dncFile, 'utf8').split('\n').map((l) => l.trim())
  .filter((l) => l && !l.startsWith('#')).map(e164).filter(Boolean));

const rejects = fs.createWriteStream(rejectsFile);
rejects.write('row,externalId,reason\r\n');
const seen = new Set();
let read = 0, accepted = 0, uploaded = 0, rejected = 0;
let batch = [];
const inFlight = new Set();

async function send(contacts) {
  const p = call('POST', `/api/v2/outbound/contactlists/${list.id}/contacts?priority=false&clearSystemData=false&doNotQueue=true`, contacts)
    .then(() => { uploaded += contacts.length; });
  inFlight.add(p);
  p.finally(() => inFlight.delete(p));
  if (inFlight.size >= IN_FLIGHT) await Promise.race(inFlight);
}

function reject(row, id, reason) {
  rejected++;
  rejects.write(`${row},"${(id || '').replaceAll('"', '""')}","${reason}"\r\n`);
}

const parser = fs.createReadStream(dropFile).pipe(parse({ columns: true, skip_empty_lines: true, trim: true, relax_column_count: true }));
for await (const r of parser) {
  read++;
  const id = r.externalId;
  const phone = r.phone ? e164(r.phone) : null;
  const email = r.email ? r.email.toLowerCase() : '';
  const consent = TRUE.has((r.consent || '').toLowerCase()) ? true : FALSE.has((r.consent || '').toLowerCase()) ? false : null;
  const doNotCall = TRUE.has((r.doNotCall || '').toLowerCase());
  const reasons = [];
  if (!id) reasons.push('missing externalId');
  if (!phone) reasons.push('invalid phone');
  if (email && !EMAIL.test(email)) reasons.push('invalid email');
  if (consent === null) reasons.push('consent is not a boolean');
  else if (!consent) reasons.push('no consent');
  if (doNotCall) reasons.push('do not call');
  if (phone && dnc.has(phone)) reasons.push('on the internal DNC list');
  if (reasons.length) { reject(read, id, reasons.join('; ')); continue; }
  if (seen.has(id)) { reject(read, id, 'duplicate in drop'); continue; }
  seen.add(id);
  accepted++;
  const data = {};
  for (const c of COLUMNS) data[c] = r[c] ?? '';
  data.phone = phone;
  data.email = email;
  batch.push({ id, contactListId: list.id, data, callable: true });
  if (batch.length === BATCH) { const b = batch; batch = []; await send(b); }
}
if (batch.length) await send(batch);
await Promise.all(inFlight);
await new Promise((r) => rejects.end(r));
console.log(JSON.stringify({ read, accepted, rejected, uploaded }));
