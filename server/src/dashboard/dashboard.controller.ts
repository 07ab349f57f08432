import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { DashboardDto } from '@privacy-desk/shared';
import { CurrentActor, RequirePermission } from '../auth/access.decorators.js';
import type { Actor } from '../auth/actor.js';
import { DashboardService } from './dashboard.service.js';

@ApiTags('dashboard')
@Controller('dashboard')
export class DashboardController {
  constructor(private readonly dashboard: DashboardService) {}

  @Get()
  @RequirePermission('dashboard.read')
  @ApiOperation({
    summary: "The console's home page figures for the caller's role",
    description:
      'Manager: open backlog by status and kind, received and closed per week (12 weeks), on-time rate per month (12 months), median and 90th-percentile days to close per kind, overdue and due-soon counts with the requests-list filter that shows them, workload per assignee. Compliance officer: pending review, legal process due soon, gag orders lapsing within 30 days, open flags by severity. Staff: their own queue with deadlines and the shared queue. Admin: accounts by role and background jobs by status. Every figure carries the range {from, to} it covers.',
  })
  @ApiOkResponse({ description: 'DashboardDto (see shared/src/dashboard.ts)' })
  get(@CurrentActor() actor: Actor): Promise<DashboardDto> {
    return this.dashboard.dashboard(actor);
  }
}
