/** Catches the files the library page hands to the browser's downloads (transfer.ts#download). */
export interface Captured {
  files: { name: string; blob: Blob }[];
  restore(): void;
}

export function captureDownloads(): Captured {
  const files: Captured['files'] = [];
  const urls = new Map<string, Blob>();
  const original = { create: URL.createObjectURL, revoke: URL.revokeObjectURL, click: HTMLAnchorElement.prototype.click };
  URL.createObjectURL = (blob: Blob) => {
    const url = `blob:test/${urls.size}`;
    urls.set(url, blob);
    return url;
  };
  URL.revokeObjectURL = () => {};
  HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
    const blob = urls.get(this.href);
    if (blob && this.download) files.push({ name: this.download, blob });
  };
  return {
    files,
    restore() {
      URL.createObjectURL = original.create;
      URL.revokeObjectURL = original.revoke;
      HTMLAnchorElement.prototype.click = original.click;
    },
  };
}
