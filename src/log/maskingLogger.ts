/**
 * A logger that masks every line before handing it to its sink. The extension's sink is the "CSMS"
 * log output channel; unit tests use an array, so the redaction is tested in plain Node.
 */
import type { Logger } from '../csms/types';
import type { SecretMasker } from './secretMasker';

export class MaskingLogger implements Logger {
  constructor(
    private readonly sink: Logger,
    readonly masker: SecretMasker,
  ) {}

  error(message: string): void {
    this.sink.error(this.masker.mask(message));
  }

  warn(message: string): void {
    this.sink.warn(this.masker.mask(message));
  }

  info(message: string): void {
    this.sink.info(this.masker.mask(message));
  }

  debug(message: string): void {
    this.sink.debug(this.masker.mask(message));
  }

  trace(message: string): void {
    this.sink.trace(this.masker.mask(message));
  }
}
