/** The text saved by "Save to file…": the key and what it is, nothing else. */
export function recoveryKeyFileText(recoveryKey: string, terminalName: string, createdAtUtc: string): string {
  return [
    'EBR Workstation — recovery key',
    '',
    `Terminal:   ${terminalName}`,
    `Created:    ${createdAtUtc}`,
    '',
    recoveryKey,
    '',
    'This key opens the encrypted records of this data folder if the terminal key store is lost.',
    'Keep it offline (safe, sealed envelope); never on the terminal itself. Anyone holding it can read the records.',
    '',
  ].join('\r\n');
}

/** Offers the text as a download: a Blob URL on a temporary link; nothing inline, nothing remote. */
export function downloadText(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Long enough for the browser to start the download.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
