// Writes a corpus of two long documents for the long-comparison test: a
// mailing-list digest that repeats one story's paragraphs, and a second
// digest with every 25th word changed. Usage: node large-corpus.mjs DIR [BYTES]
import fs from 'node:fs';
import path from 'node:path';

const [dir, bytes = '1500000'] = process.argv.slice(2);
if (!dir) throw new Error('usage: node large-corpus.mjs DIR [BYTES]');
const PARAGRAPHS = [
  'NHS England awarded Palantir a seven-year contract worth £330 million to build the federated data platform.',
  'Campaigners said patients had not been asked, and that the records of millions were at stake.',
  'The company said the data would remain under the control of the health service at all times.',
  'Doctors’ leaders asked for an independent review before the platform reached every hospital trust.',
];
let a = '';
for (let i = 0; a.length < Number(bytes); i++) a += `Digest ${i}\u00a0— ${PARAGRAPHS[i % PARAGRAPHS.length]}\n\n`;
const b = a.split(' ').map((w, i) => (i % 25 === 24 ? 'changed' : w)).join(' ');
fs.mkdirSync(dir, { recursive: true });
fs.writeFileSync(path.join(dir, 'digest-a.txt'), `+++\ntitle = "Digest A"\n+++\n${a}`);
fs.writeFileSync(path.join(dir, 'digest-b.txt'), `+++\ntitle = "Digest B"\n+++\n${b}`);
