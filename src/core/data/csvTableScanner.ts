// Streams a CSV/TSV file through the tokenizer and counts what `inspect` reports: data rows,
// blank lines, rows with the wrong number of fields, and the column names (once the first rows
// have shown whether the file has a header).
import { CsvTokenizer } from './csvTokenizer';
import { detectHeader, generatedColumnNames } from './csvSniffer';
import { RaggedTally, type TableScanner, type TableSummary } from './tableScan';

/** Rows held back after the first one before deciding whether the first row is a header. */
const HEADER_SAMPLE_ROWS = 50;

export class CsvTableScanner implements TableScanner {
  private readonly tokenizer: CsvTokenizer;
  /** The first rows, until the header question is settled; then null. */
  private pending: { fields: string[]; line: number }[] | null = [];
  private expected = 0;
  private header = false;
  private columns: string[] = [];
  private rows = 0;
  private emptyRows = 0;
  private readonly ragged = new RaggedTally();

  constructor(
    private readonly format: 'csv' | 'tsv',
    private readonly delimiter: string,
  ) {
    this.tokenizer = new CsvTokenizer(delimiter, (fields, line) => this.onRow(fields, line));
  }

  get line(): number {
    return this.tokenizer.line;
  }

  push(text: string): void {
    this.tokenizer.push(text);
  }

  finish(): TableSummary {
    this.tokenizer.finish();
    if (this.pending) this.settleHeader();
    return {
      format: this.format,
      delimiter: this.delimiter,
      rows: this.rows,
      columns: this.columns,
      header: this.header,
      raggedRows: this.ragged.toJSON(),
      emptyRows: this.emptyRows,
    };
  }

  private onRow(fields: string[], line: number): void {
    if (fields.length === 0) {
      this.emptyRows++;
    } else if (this.pending) {
      this.pending.push({ fields, line });
      if (this.pending.length > HEADER_SAMPLE_ROWS) this.settleHeader();
    } else {
      this.countRow(fields.length, line);
    }
  }

  private settleHeader(): void {
    const pending = this.pending ?? [];
    this.pending = null;
    if (pending.length === 0) return;
    const [first, ...rest] = pending;
    this.header = detectHeader(
      first.fields,
      rest.map((r) => r.fields),
    );
    this.expected = first.fields.length;
    this.columns = this.header ? first.fields : generatedColumnNames(this.expected);
    for (const row of this.header ? rest : pending) this.countRow(row.fields.length, row.line);
  }

  private countRow(fields: number, line: number): void {
    this.rows++;
    if (fields !== this.expected) this.ragged.add(line, fields, this.expected);
  }
}
