// Streams newline-delimited JSON (one record per line, .ndjson/.jsonl): each line is parsed on
// its own, so memory stays at one line however long the file is.
import { parseJsonAt, RecordTable } from './jsonRecords';
import type { TableScanner, TableSummary } from './tableScan';

export class NdjsonTableScanner implements TableScanner {
  private readonly table = new RecordTable();
  private partial = '';
  private currentLine = 1;

  get line(): number {
    return this.currentLine;
  }

  push(text: string): void {
    let start = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
      const piece = text.slice(start, nl);
      const line = this.partial.length > 0 ? this.partial + piece : piece;
      this.partial = '';
      this.takeLine(line);
      start = nl + 1;
    }
    if (start < text.length) this.partial += text.slice(start);
  }

  finish(): TableSummary {
    if (this.partial.length > 0) {
      const last = this.partial;
      this.partial = '';
      this.takeLine(last);
    }
    return this.table.summary('ndjson');
  }

  private takeLine(raw: string): void {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.trim() === '') {
      this.table.emptyRows++;
    } else {
      this.table.add(parseJsonAt(line, this.currentLine, 1), this.currentLine, 1);
    }
    this.currentLine++;
  }
}
