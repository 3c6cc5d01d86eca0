/** Port: the current instant. Tests pass a fixed clock; pure libraries take the instant as an argument. */
export abstract class Clock {
  abstract now(): number;
}

export class SystemClock extends Clock {
  now(): number {
    return Date.now();
  }
}

export class FixedClock extends Clock {
  constructor(private instant: number) {
    super();
  }
  now(): number {
    return this.instant;
  }
  set(instant: number): void {
    this.instant = instant;
  }
}
