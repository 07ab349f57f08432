import { Module } from '@nestjs/common';
import { UsersModule } from '../users/users.module.js';
import { DemoSeedService } from './demo-seed.service.js';

@Module({ imports: [UsersModule], providers: [DemoSeedService] })
export class DemoModule {}
