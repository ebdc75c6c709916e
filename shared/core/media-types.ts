/**
 * The one table of header media: per kind, the MIME types WhatsApp accepts with the file
 * extensions that fit each (INT-MEDIA-MIME, INT-MEDIA-NAME), and the largest file CM fetches
 * (SEND-MEDIA-REACHABLE). Read by the rules, the quick fixes, Send's media check and the
 * preview; imports nothing, so the browser bundles take it too.
 */

export const MEDIA_KINDS = ['image', 'video', 'document'] as const;
export type MediaKind = (typeof MEDIA_KINDS)[number];

export interface MediaKindFacts {
  /** MIME type → the file extensions that fit it; the first type is the kind's default. */
  types: Readonly<Record<string, readonly string[]>>;
  /** MIME type → what it is, for people (completion's description of each type). */
  names: Readonly<Record<string, string>>;
  maxBytes: number;
}

const MB = 1024 * 1024;

export const MEDIA: Readonly<Record<MediaKind, MediaKindFacts>> = {
  image: { types: { 'image/jpeg': ['jpg', 'jpeg'], 'image/png': ['png'] }, names: { 'image/jpeg': 'JPEG image', 'image/png': 'PNG image' }, maxBytes: 5 * MB },
  video: { types: { 'video/mp4': ['mp4'], 'video/3gpp': ['3gp', '3gpp'] }, names: { 'video/mp4': 'MP4 video', 'video/3gpp': '3GPP video' }, maxBytes: 16 * MB },
  document: {
    types: {
      'application/pdf': ['pdf'],
      'application/msword': ['doc'],
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['docx'],
      'application/vnd.ms-excel': ['xls'],
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['xlsx'],
      'application/vnd.ms-powerpoint': ['ppt'],
      'application/vnd.openxmlformats-officedocument.presentationml.presentation': ['pptx'],
      'text/plain': ['txt'],
    },
    names: {
      'application/pdf': 'PDF document',
      'application/msword': 'Word document (97–2003)',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word document',
      'application/vnd.ms-excel': 'Excel workbook (97–2003)',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'Excel workbook',
      'application/vnd.ms-powerpoint': 'PowerPoint presentation (97–2003)',
      'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'PowerPoint presentation',
      'text/plain': 'Plain text',
    },
    maxBytes: 100 * MB,
  },
};

export function isMediaKind(kind: unknown): kind is MediaKind {
  return typeof kind === 'string' && (MEDIA_KINDS as readonly string[]).includes(kind);
}

/** The MIME type of a file name's extension (any kind), else the kind's default type. */
export function mimeTypeOf(fileName: string, kind: string): string {
  const extension = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  for (const facts of Object.values(MEDIA)) {
    for (const [type, extensions] of Object.entries(facts.types)) if (extension && extensions.includes(extension)) return type;
  }
  return isMediaKind(kind) ? Object.keys(MEDIA[kind].types)[0] : 'application/octet-stream';
}

/** The file extensions a MIME type of the kind fits (undefined for a type the kind does not take). */
export function extensionsOf(kind: MediaKind, mimeType: string): readonly string[] | undefined {
  return Object.hasOwn(MEDIA[kind].types, mimeType) ? MEDIA[kind].types[mimeType] : undefined;
}

/**
 * Whether the Content-Type a media URL is served with fits the kind. A document may be served
 * as any application/ type (servers often say application/octet-stream for a PDF).
 */
export function servedTypeFits(kind: MediaKind, contentType: string): boolean {
  const type = contentType.toLowerCase();
  const fits = (accepted: string) => type.startsWith(accepted) && !/\w/.test(type.charAt(accepted.length));
  return Object.keys(MEDIA[kind].types).some(fits) || (kind === 'document' && type.startsWith('application/'));
}

/** The MIME types a header of `kind` takes (every kind's for one not known), each with what it is and its extensions. */
export function mimeTypeOffers(kind: unknown): { mimeType: string; kind: MediaKind; description: string }[] {
  const kinds = isMediaKind(kind) ? [kind] : MEDIA_KINDS;
  return kinds.flatMap((k) =>
    Object.entries(MEDIA[k].types).map(([mimeType, extensions]) => ({
      mimeType,
      kind: k,
      description: `${MEDIA[k].names[mimeType]} (${extensions.map((e) => '.' + e).join(', ')}) for a ${k} header`,
    })),
  );
}
