// Splits an external trainer's command line ("python3 train.py --name 'my model'") into argv the
// way a POSIX shell would split words, without ever running a shell: whitespace separates words,
// '...' keeps everything literally, "..." keeps everything but allows \" and \\, and a backslash
// outside quotes escapes the next character. No variables, globs, pipes or redirections.

export class CommandLineError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
    this.name = 'CommandLineError';
  }
}

export function splitCommandLine(text: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
      i++;
    } else if (c === "'") {
      const close = text.indexOf("'", i + 1);
      if (close === -1) throw new CommandLineError("A quote (') is not closed.", i);
      word += text.slice(i + 1, close);
      inWord = true;
      i = close + 1;
    } else if (c === '"') {
      let j = i + 1;
      for (; ; j++) {
        if (j >= text.length) throw new CommandLineError('A quote (") is not closed.', i);
        const d = text[j];
        if (d === '"') break;
        if (d === '\\' && (text[j + 1] === '"' || text[j + 1] === '\\')) {
          word += text[j + 1];
          j++;
        } else {
          word += d;
        }
      }
      inWord = true;
      i = j + 1;
    } else if (c === '\\') {
      if (i + 1 >= text.length) throw new CommandLineError('The command ends with a lone backslash.', i);
      word += text[i + 1];
      inWord = true;
      i += 2;
    } else {
      word += c;
      inWord = true;
      i++;
    }
  }
  if (inWord) words.push(word);
  return words;
}
