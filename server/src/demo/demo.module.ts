import { Module } from '@nestjs/common';
import { MailModule } from '../mail/mail.module.js';
import { RequestsModule } from '../requests/requests.module.js';
import { SubjectsModule } from '../subjects/subjects.module.js';
import { UsersModule } from '../users/users.module.js';
import { DemoSeedService } from './demo-seed.service.js';

@Module({
  imports: [UsersModule, SubjectsModule, RequestsModule, MailModule],
  providers: [DemoSeedService],
})
export class DemoModule {}
