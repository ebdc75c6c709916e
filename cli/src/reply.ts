/**
 * `cm-interactive reply FILE --choose ID …`: the webhook CM would post when the customer
 * taps ID in the file's message — printed, or POSTed to the bot with `--webhook URL`.
 * Exit codes: 0 printed, or the webhook answered 200 OK; 1 another status; 2 usage (or no
 * such choice, or a tap that posts nothing); 3 the webhook could not be reached in time.
 */
import type { ValidationResult } from '../../shared/core/index';
import { escapeLine } from '../../shared/core/safe-text';
import {
  buildInboundWebhook,
  customerNumberProblem,
  DEFAULT_LOCATION,
  describeTarget,
  FLOW_FORMAT_NOTE,
  noWebhookReason,
  seededRandom,
  tapTargets,
  targetsNamed,
  type SharedLocation,
  type TapTarget,
} from '../../shared/webhook/inbound';

/** A choice in words for one line of output: its id, title and section cannot break the line. */
const describe = (target: TapTarget): string => escapeLine(describeTarget(target));
import { DEFAULT_WEBHOOK_TIMEOUT_MS, describeOutcome, postWebhook, webhookUrlProblem } from '../../shared/webhook/post';

export const REPLY_USAGE = `  cm-interactive reply FILE --choose ID [--message N] [--webhook URL] [--from NUMBER] [--name NAME]
                        [--location LAT,LONG[,LABEL[,ADDRESS]]] [--flow-response JSON] [--now ISO] [--seed S] [--timeout SECONDS]
  cm-interactive reply FILE --list`;

export const REPLY_HELP = `reply   the inbound webhook JSON CM.com posts to your bot when the customer taps ID: a reply
        button's or list row's id (or its title), "flow" (completes the flow), "location" (Send
        location). --list shows the choices. Without --webhook the JSON is printed; with it, it
        is POSTed (https:, or http: on localhost) and the status, time and answer are printed.
        --message N (1-based) picks the message when the id is in several. --from/--name: the
        customer (default: the message's first recipient, "Test Customer"); --now and --seed make
        the times and ids reproducible. Exit code: 0 printed or answered 200 OK, 1 another
        status (CM would retry every 5 minutes), 2 usage error, 3 webhook unreachable.`;

interface ReplyIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

interface ReplyOptions {
  file?: string;
  choose?: string;
  list: boolean;
  message?: number;
  webhook?: string;
  from?: string;
  name?: string;
  location?: SharedLocation;
  flowResponse?: Record<string, unknown>;
  now?: Date;
  seed?: string;
  timeoutMs: number;
}

const VALUED = ['--choose', '--message', '--webhook', '--from', '--name', '--location', '--flow-response', '--now', '--seed', '--timeout'];

/** The options, or a usage problem in words. */
function replyOptions(args: string[]): ReplyOptions | string {
  const options: ReplyOptions = { list: false, timeoutMs: DEFAULT_WEBHOOK_TIMEOUT_MS };
  for (let i = 0; i < args.length; i++) {
    const [flag, inline] = args[i].startsWith('--') && args[i].includes('=') ? [args[i].slice(0, args[i].indexOf('=')), args[i].slice(args[i].indexOf('=') + 1)] : [args[i], undefined];
    if (flag === '--list') {
      options.list = true;
      continue;
    }
    if (!VALUED.includes(flag)) {
      if (flag.startsWith('-') && flag !== '-') return `Unknown option "${flag}".`;
      if (options.file !== undefined) return 'reply takes exactly one file.';
      options.file = flag;
      continue;
    }
    const value = inline ?? args[++i];
    if (value === undefined) return `${flag} needs a value.`;
    switch (flag) {
      case '--choose':
        options.choose = value;
        break;
      case '--message':
        if (!/^[1-9]\d*$/.test(value)) return `--message is a message number from 1, not "${value}".`;
        options.message = Number(value);
        break;
      case '--webhook': {
        const problem = webhookUrlProblem(value);
        if (problem) return problem;
        options.webhook = value;
        break;
      }
      case '--from': {
        const problem = customerNumberProblem(value);
        if (problem) return `--from: ${problem}.`;
        options.from = value;
        break;
      }
      case '--name':
        options.name = value;
        break;
      case '--location': {
        const [lat, long, label, ...address] = value.split(',');
        const latitude = Number(lat);
        const longitude = Number(long);
        if (!lat?.trim() || !long?.trim() || !(Math.abs(latitude) <= 90) || !(Math.abs(longitude) <= 180)) return `--location is LAT,LONG[,LABEL[,ADDRESS]] in degrees, not "${value}".`;
        options.location = { latitude, longitude, ...(label ? { label } : {}), ...(address.length ? { searchQuery: address.join(',') } : {}) };
        break;
      }
      case '--flow-response': {
        let parsed: unknown;
        try {
          parsed = JSON.parse(value);
        } catch {
          parsed = undefined;
        }
        if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return `--flow-response is a JSON object of the flow's answers, e.g. '{"rating":"5"}'.`;
        options.flowResponse = parsed as Record<string, unknown>;
        break;
      }
      case '--now': {
        const now = new Date(value);
        if (!/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(now.getTime())) return `--now is an ISO time like 2026-03-03T09:15:00Z, not "${value}".`;
        options.now = now;
        break;
      }
      case '--seed':
        options.seed = value;
        break;
      case '--timeout': {
        const seconds = Number(value);
        if (!(seconds >= 0.001 && seconds <= 600)) return `--timeout is in seconds, from 0.001 to 600, not "${value}".`;
        options.timeoutMs = seconds * 1000;
        break;
      }
    }
  }
  if (options.file === undefined) return 'reply needs a payload file.';
  if (!options.list && options.choose === undefined) return 'reply needs --choose ID (--list shows the choices).';
  return options;
}

/** One line per choice, grouped by message: what `--choose` takes. */
function listChoices(targets: TapTarget[]): string {
  const lines: string[] = [];
  let msgIndex = -1;
  for (const target of targets) {
    if (target.msgIndex !== msgIndex) {
      msgIndex = target.msgIndex;
      lines.push(`message ${msgIndex + 1}:`);
    }
    const note = noWebhookReason(target.action) ? ' — sends no webhook' : target.dropped ? ' — not shown by WhatsApp' : '';
    lines.push(`  ${escapeLine(JSON.stringify(target.choice)).padEnd(24)} ${describe(target)}${target.section ? ` [${escapeLine(target.section)}]` : ''}${note}`);
  }
  return lines.length ? lines.join('\n') : 'no message has anything to tap (reply buttons, a list, a flow or a location request)';
}

/** The target `--choose` names: by choice (id), else by title; undefined with the reason. */
function chosen(targets: TapTarget[], options: ReplyOptions): TapTarget | string {
  const inMessage = options.message === undefined ? targets : targets.filter((t) => t.msgIndex === options.message! - 1);
  const matches = targetsNamed(inMessage, options.choose!);
  const where = options.message === undefined ? 'the file' : `message ${options.message}`;
  if (matches.length === 0) return `No choice "${options.choose}" in ${where}. Choices:\n${listChoices(inMessage.length ? inMessage : targets)}`;
  const messages = [...new Set(matches.map((t) => t.msgIndex + 1))];
  if (messages.length > 1) return `"${options.choose}" is in messages ${messages.join(', ')}: add --message N.`;
  if (matches.length > 1) return `"${options.choose}" names ${matches.length} choices in message ${messages[0]} (ids should be unique): ${matches.map(describe).join('; ')}.`;
  return matches[0];
}

export async function reply(args: string[], io: ReplyIo, readPayload: (file: string) => ValidationResult | undefined, usage: string): Promise<number> {
  const options = replyOptions(args);
  if (typeof options === 'string') {
    io.stderr(`${options}\n${usage}\n`);
    return 2;
  }
  const result = readPayload(options.file!);
  if (!result) return 2;
  const payload = result.document.value;
  const targets = tapTargets(payload);
  if (options.list) {
    io.stdout(`${listChoices(targets)}\n`);
    return 0;
  }
  const target = chosen(targets, options);
  if (typeof target === 'string') {
    io.stderr(`${target}\n`);
    return 2;
  }
  const noWebhook = noWebhookReason(target.action);
  if (noWebhook) {
    io.stderr(`${describe(target)}: ${escapeLine(noWebhook)}\n`);
    return 2;
  }
  const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
  if (errors > 0) io.stderr(`Note: ${options.file} has ${errors} error${errors === 1 ? '' : 's'} (cm-interactive lint ${options.file}): CM would reject this message, so no customer would see it to tap.\n`);
  if (target.dropped) io.stderr(`Note: WhatsApp does not show ${describe(target)} (over the limit), so no customer can tap it.\n`);
  if (target.action.type === 'nfm_reply') io.stderr(`Note: ${FLOW_FORMAT_NOTE}\n`);
  const webhook = buildInboundWebhook({
    payload,
    target,
    customerNumber: options.from,
    customerName: options.name,
    now: options.now,
    random: options.seed !== undefined ? seededRandom(options.seed) : undefined,
    location: options.location ?? (target.action.type === 'location' ? DEFAULT_LOCATION : undefined),
    flowResponse: options.flowResponse,
  })!;
  if (!options.webhook) {
    io.stdout(`${JSON.stringify(webhook, null, 2)}\n`);
    return 0;
  }
  const outcome = await postWebhook({ url: options.webhook, body: webhook, timeoutMs: options.timeoutMs });
  const report = describeOutcome(outcome, options.webhook);
  const print = report.delivered ? io.stdout : io.stderr;
  print(`${describe(target)} → POST ${escapeLine(options.webhook)}\n${escapeLine(report.headline)}\n${report.details.map((line) => `  ${escapeLine(line)}`).join('\n')}\n`);
  if (report.unreachable) return 3;
  return report.delivered ? 0 : 1;
}
