/**
 * References look like Council document numbers: `<body prefix> <year>/<number, 3 digits>`, e.g.
 * `JHA 2012/004`; a revision shows as `JHA 2012/004 REV 1`. Bodies carry no code of their own, so
 * the prefix is `JHA` for JHA bodies and otherwise the initials of the body's name.
 */
export function referencePrefix(body: { name: string; jha: boolean }): string {
  if (body.jha) return 'JHA';
  const initials = body.name
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9\s-]/g, '')
    .split(/[\s-]+/)
    .filter(Boolean)
    .map((w) => (/^[A-Z0-9]{2,}$/.test(w) ? w : w[0].toUpperCase()))
    .join('')
    .slice(0, 8);
  return initials || 'ST';
}

export function formatReference(prefix: string, year: number, number: number): string {
  return `${prefix} ${year}/${String(number).padStart(3, '0')}`;
}

/** Version 1 is the original; version n+1 is `REV n`. */
export function revisionLabel(reference: string, versionNumber: number): string {
  return versionNumber <= 1 ? reference : `${reference} REV ${versionNumber - 1}`;
}
