import { Module } from '@nestjs/common';
import { MailModule } from '../mail/mail.module.js';
import { RequestsModule } from '../requests/requests.module.js';
import { SubjectsModule } from '../subjects/subjects.module.js';
import { UsersModule } from '../users/users.module.js';
import { ViolationsModule } from '../violations/violations.module.js';
import { DemoHistoryRepository } from './demo-history.repository.js';
import { DemoSeedService } from './demo-seed.service.js';

@Module({
  imports: [UsersModule, SubjectsModule, RequestsModule, MailModule, ViolationsModule],
  providers: [DemoSeedService, DemoHistoryRepository],
})
export class DemoModule {}
