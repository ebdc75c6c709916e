/** docs/rules.md: "Every interactive message" rules for headers and media that a schema cannot say. */
import { toPointer } from '../json-document';
import { extensionsOf, isMediaKind, MEDIA, MEDIA_KINDS } from '../media-types';
import { withArticle } from '../text';
import { isObject, objectAt, stringAt } from './access';
import type { InteractiveRule } from './context';
import { reportLiteralMarkdown } from './literal-markdown';

/** INT-MEDIA-FIELDS: Meta's `header.image.link` shape instead of CM's `header.media`. */
export const mediaUsesCmShape: InteractiveRule = ({ interactive, path }, report) => {
  const header = objectAt(interactive, 'header');
  if (!header || 'media' in header) return;
  for (const metaKey of MEDIA_KINDS) {
    const metaMedia = header[metaKey];
    if (!isObject(metaMedia)) continue;
    report({
      code: 'INT-MEDIA-FIELDS',
      path: [...path, 'header', metaKey],
      target: 'key',
      message: `"header.${metaKey}" is Meta's shape; CM expects "header.media" with mediaName, mediaUri and mimeType`,
      data: { kind: 'meta-media', metaKey, link: stringAt(metaMedia, 'link'), filename: stringAt(metaMedia, 'filename') },
      replaces: toPointer([...path, 'header', 'media']),
    });
  }
};

/** INT-HEADER-TEXT (information): header text shows literally, so markdown in it is not formatting. */
export const headerTextShownLiterally: InteractiveRule = ({ interactive, path }, report) => {
  const header = objectAt(interactive, 'header');
  if (header?.type !== 'text') return;
  reportLiteralMarkdown(report, 'INT-HEADER-TEXT', [...path, 'header', 'text'], 'Header text', stringAt(header, 'text'));
};

/**
 * INT-MEDIA-FIELDS (warning): a plain http: mediaUri. Meta fetches HTTP and HTTPS links, but https
 * is what CM shows and what users expect (Meta's media reference); the schema refuses every other scheme.
 */
export const mediaUriOverHttps: InteractiveRule = ({ interactive, path }, report) => {
  const mediaUri = stringAt(objectAt(objectAt(interactive, 'header'), 'media'), 'mediaUri');
  // URL schemes are case-insensitive: HTTP:// is plain http: too.
  if (!mediaUri || !/^http:\/\//i.test(mediaUri)) return;
  report({
    code: 'INT-MEDIA-FIELDS',
    severity: 'warning',
    path: [...path, 'header', 'media', 'mediaUri'],
    message: `mediaUri "${mediaUri}" uses plain http:; Meta fetches http: links too, but CM shows https: and users expect it, so prefer https:`,
  });
};

/** INT-MEDIA-MIME: the mimeType fits the header type. */
export const mediaMimeFitsHeader: InteractiveRule = ({ interactive, path }, report) => {
  const header = objectAt(interactive, 'header');
  const type = header?.type;
  const mimeType = stringAt(objectAt(header, 'media'), 'mimeType');
  if (!isMediaKind(type) || !mimeType) return;
  const allowed = Object.keys(MEDIA[type].types);
  if (allowed.includes(mimeType.toLowerCase())) return;
  report({
    code: 'INT-MEDIA-MIME',
    path: [...path, 'header', 'media', 'mimeType'],
    message: `mimeType "${mimeType}" does not fit ${withArticle(type)} header; WhatsApp accepts ${allowed.join(', ')}`,
    data: { kind: 'choose', allowed },
  });
};

/** INT-MEDIA-NAME: mediaName ends in the extension of its mimeType. */
export const mediaNameHasExtension: InteractiveRule = ({ interactive, path }, report) => {
  const header = objectAt(interactive, 'header');
  const type = header?.type;
  const media = objectAt(header, 'media');
  const mediaName = stringAt(media, 'mediaName');
  const mimeType = stringAt(media, 'mimeType')?.toLowerCase();
  if (!isMediaKind(type) || !mediaName || !mimeType) return;
  const extensions = extensionsOf(type, mimeType);
  if (!extensions) return; // INT-MEDIA-MIME already says the type is wrong.
  const extension = /\.([A-Za-z0-9]+)$/.exec(mediaName)?.[1]?.toLowerCase();
  if (extension && extensions.includes(extension)) return;
  report({
    code: 'INT-MEDIA-NAME',
    path: [...path, 'header', 'media', 'mediaName'],
    message: `mediaName "${mediaName}" ${extension ? `ends in .${extension}` : 'has no file extension'}; CM wants the extension of ${mimeType} (.${extensions.join(' or .')})`,
    data: { kind: 'replace', replacement: `${mediaName.replace(/\.[A-Za-z0-9]+$/, '')}.${extensions[0]}` },
  });
};

export const HEADER_RULES: readonly InteractiveRule[] = [headerTextShownLiterally, mediaUsesCmShape, mediaUriOverHttps, mediaMimeFitsHeader, mediaNameHasExtension];
