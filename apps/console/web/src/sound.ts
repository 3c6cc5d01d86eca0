// An optional alert tone for red signals (Web Audio, no sound file). Off until the user turns it
// on, which is also the gesture browsers require before playing sound.
const STORAGE_KEY = 'jiancha.sound';

export class AlertSound {
  private context: AudioContext | undefined;
  enabled = localStorage.getItem(STORAGE_KEY) === 'on';

  toggle(): boolean {
    this.enabled = !this.enabled;
    localStorage.setItem(STORAGE_KEY, this.enabled ? 'on' : 'off');
    if (this.enabled) this.play();
    return this.enabled;
  }

  play(): void {
    if (!this.enabled) return;
    this.context ??= new AudioContext();
    const context = this.context;
    if (context.state === 'suspended') void context.resume();
    const start = context.currentTime;
    for (const [offset, frequency] of [
      [0, 880],
      [0.22, 660],
    ] as const) {
      const oscillator = context.createOscillator();
      const gain = context.createGain();
      oscillator.type = 'sine';
      oscillator.frequency.value = frequency;
      gain.gain.setValueAtTime(0.0001, start + offset);
      gain.gain.exponentialRampToValueAtTime(0.25, start + offset + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + offset + 0.2);
      oscillator.connect(gain).connect(context.destination);
      oscillator.start(start + offset);
      oscillator.stop(start + offset + 0.21);
    }
  }
}
