/**
 * docs/rules.md, written from the rule catalogue (`npm run docs`; a unit test fails when the
 * committed file differs). Each rule gets its own heading, so `ruleDocUrl(id)` — the link on
 * every diagnostic's code — lands on it.
 */
import { RULES, SOURCES, type RuleId } from './catalogue';

const AREAS: { title: string; prefixes: string[]; note?: string }[] = [
  { title: 'The file', prefixes: ['JSON-', 'FILE-', 'MSG-', 'PROBLEM-', 'INTERNAL'] },
  { title: 'Envelope (`messages`)', prefixes: ['ENV-'] },
  { title: 'Every interactive message', prefixes: ['INT-'], note: 'Paths are relative to `messages.msg[i].richContent.conversation[j].interactive`.' },
  { title: '`list`', prefixes: ['LIST-'] },
  { title: '`button` with reply buttons', prefixes: ['BTN-'] },
  { title: '`button` with a CTA URL (`openurl`)', prefixes: ['CTA-'] },
  { title: '`location_request_message`', prefixes: ['LOC-'] },
  { title: '`flow`', prefixes: ['FLOW-'] },
  { title: '`call_permission_request`', prefixes: ['CALL-'] },
  { title: 'At send time', prefixes: ['SEND-'], note: 'These need the network or the send history: the Send command (and `cm-interactive send`) checks them and asks before sending.' },
];

const SEVERITY_MEANING = {
  error: 'CM.com or WhatsApp rejects the message',
  warning: 'it is sent, but changed, or it is risky',
  information: 'advice',
  hint: 'a hint',
} as const;

export function rulesMarkdown(): string {
  const ids = Object.keys(RULES) as RuleId[];
  const placed = new Set<RuleId>();
  const lines: string[] = [
    '<!-- Generated from shared/core/catalogue.ts by `npm run docs`. Do not edit by hand. -->',
    '# Rules',
    '',
    'Every problem cm-interactive reports carries one of these ids as its code (in VS Code the code',
    'in the Problems panel links here). Severity: **error** — ' + SEVERITY_MEANING.error + '; **warning** — ' + SEVERITY_MEANING.warning + '; **information** — ' + SEVERITY_MEANING.information + '.',
    '',
    'Limits in characters count Unicode code points as written, as WhatsApp counts them: `é` and `👍` are one',
    'character each; a flag or a family emoji is several.',
    '',
  ];
  for (const area of AREAS) {
    const members = ids.filter((id) => area.prefixes.some((prefix) => id.startsWith(prefix)));
    if (members.length === 0) continue;
    lines.push(`## ${area.title}`, '');
    if (area.note) lines.push(area.note, '');
    for (const id of members) {
      placed.add(id);
      const rule: { severity: string; summary: string; limit: string; source: string } = RULES[id];
      lines.push(`### ${id}`, '', rule.summary, '', `- Severity: **${rule.severity}**`, `- Limit: ${rule.limit}`, `- Source: ${sourceTags(id, rule.source).join('; ')}`, '');
    }
  }
  const unplaced = ids.filter((id) => !placed.has(id));
  if (unplaced.length > 0) throw new Error(`rules without an area in rules-doc.ts: ${unplaced.join(', ')}`);
  lines.push('## Sources', '');
  for (const [tag, meaning] of Object.entries(SOURCES)) lines.push(`- **${tag}** — ${meaning}`);
  lines.push('');
  return lines.join('\n');
}

function sourceTags(id: RuleId, source: string): string[] {
  return source.split(',').map((tag) => tag.trim()).map((tag) => {
    if (!(tag in SOURCES)) throw new Error(`${id}: unknown source "${tag}"; add it to SOURCES in catalogue.ts`);
    return tag;
  });
}
