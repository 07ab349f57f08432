import type { ModuleRef } from '@nestjs/core';
import { addDays } from '@privacy-desk/shared';
import type { Role } from '@privacy-desk/shared';
import type { Actor } from '../auth/actor.js';
import { DeskCalendar } from '../disclosures/desk-calendar.js';
import { DisclosureLookups } from '../disclosures/disclosure-lookups.repository.js';
import type { DisclosureFieldsDto } from '../disclosures/disclosure.dto.js';
import { DisclosuresService } from '../disclosures/disclosures.service.js';

/**
 * Demo disclosures, through the service (so they are checked and audited): a partner-marketing
 * disclosure repeated twice to one partner (approved by the demo compliance officer, recorded by
 * demo staff), an approved aggregated-statistics disclosure, and one pending review. Runs once,
 * with the demo accounts, on an empty database (like the demo requests).
 */
export async function seedDemoDisclosures(
  moduleRef: ModuleRef,
  users: { id: string; name: string; role: Role }[],
): Promise<number> {
  const service = moduleRef.get(DisclosuresService, { strict: false });
  const lookups = moduleRef.get(DisclosureLookups, { strict: false });
  const calendar = moduleRef.get(DeskCalendar, { strict: false });
  const actor = (role: Role): Actor => {
    const user = users.find((u) => u.role === role)!;
    return { type: 'user', id: user.id, label: user.name, role };
  };
  const staff = actor('staff');
  const officer = actor('compliance_officer');
  const ada = await lookups.subjectByEmail('ada.byron@example.com');
  const mia = await lookups.subjectByEmail('mia.keller@example.com');
  if (!ada || !mia) return 0;
  const today = calendar.today();

  const partner = (daysAgo: number): DisclosureFieldsDto => ({
    aggregated: false,
    subjects: [{ subjectId: ada.id }],
    recipientName: 'Northwind Marketing Partners',
    recipientType: 'business_partner',
    recipientAddress: '1 Harbour Way, Bristol, UK',
    basis: 'partner_marketing',
    purpose: 'Joint product newsletter',
    dataCategories: ['name', 'email', 'company'],
    disclosedAt: addDays(today, -daysAgo),
  });
  const records: DisclosureFieldsDto[] = [
    partner(40),
    partner(10),
    {
      aggregated: true,
      subjects: [],
      recipientName: 'Industry Benchmark Survey',
      recipientType: 'other',
      basis: 'service_delivery',
      purpose: 'Aggregated, non-personal request statistics for the yearly benchmark',
      dataCategories: ['request_data'],
      disclosedAt: addDays(today, -20),
    },
  ];
  for (const body of records) {
    const recorded = await service.record(staff, body);
    await service.review(officer, recorded.id, 'approve', { version: recorded.version });
  }
  await service.record(staff, {
    aggregated: false,
    subjects: [{ subjectId: mia.id }],
    recipientName: 'Parcel Express GmbH',
    recipientType: 'service_provider',
    basis: 'service_delivery',
    purpose: 'Deliver the printed copy of the access request',
    dataCategories: ['name', 'addressLine1', 'city', 'country'],
    disclosedAt: addDays(today, -1),
  });
  return records.length + 1;
}
