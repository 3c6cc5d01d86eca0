import { Inject, Injectable } from '@nestjs/common';
import type { OutboundChannel } from '@app/contracts';
import { isOfficeTime, nextOfficeOpening, OfficeHours, parseOfficeHours } from '@app/calendar';
import { TypedConfig } from '@app/platform';
import { RULES_BY_ID, RuleId } from '@app/rules';
import { ReferenceData } from '../../reference/reference-data';
import type { ContentContext } from './outbound-content';

/**
 * What every outbound message is made with: the wall's public address, department names, rule
 * titles, dates in the office's zone, and quiet hours (ADR 14): in office hours of a working day
 * everything goes at once; at night and on non-working days only a red card by SMS does, and the
 * rest waits for the next working morning (调休 working days count as working days).
 */
@Injectable()
export class OutboundContext {
  readonly publicUrl: string;
  private readonly hours: OfficeHours;

  constructor(
    @Inject(TypedConfig) config: TypedConfig,
    @Inject(ReferenceData) private readonly reference: ReferenceData,
  ) {
    this.publicUrl = config.values.PUBLIC_URL ?? `http://127.0.0.1:${config.values.CONSOLE_HTTP_PORT}`;
    this.hours = parseOfficeHours(config.values.OFFICE_HOURS);
  }

  forDepartment(departmentId: string): ContentContext {
    return {
      departmentName: this.departmentName(departmentId),
      publicUrl: this.publicUrl,
      formatInstant: (iso) => this.formatInstant(iso),
      ruleTitle: (ruleId) => RULES_BY_ID.get(ruleId as RuleId)?.title.zh ?? ruleId,
    };
  }

  departmentName(departmentId: string): string {
    return departmentId === 'office' ? '监察室' : this.reference.departmentName(departmentId);
  }

  /** YYYY-MM-DD HH:mm in the calendar's zone. */
  formatInstant(iso: string): string {
    const calendar = this.reference.calendar;
    const instant = Date.parse(iso);
    const day = calendar.dateOf(instant);
    const minutes = Math.floor((instant - calendar.startOf(day)) / 60_000);
    const hh = String(Math.floor(minutes / 60)).padStart(2, '0');
    const mm = String(minutes % 60).padStart(2, '0');
    return `${calendar.format(day)} ${hh}:${mm}`;
  }

  /** The year of an instant in the calendar's zone. */
  yearOf(iso: string): number {
    return Number(this.formatInstant(iso).slice(0, 4));
  }

  /** Quiet hours at `nowMs` for a message of a level through a channel. */
  quiet(nowMs: number): (level: string, channel: OutboundChannel) => { held: boolean; notBefore: string } {
    const calendar = this.reference.calendar;
    const open = isOfficeTime(calendar, this.hours, nowMs);
    const opening = new Date(nextOfficeOpening(calendar, this.hours, nowMs)).toISOString();
    const now = new Date(nowMs).toISOString();
    return (level, channel) =>
      open || (level === 'red' && channel === 'sms')
        ? { held: false, notBefore: now }
        : { held: true, notBefore: opening };
  }
}
