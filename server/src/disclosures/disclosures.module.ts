import { Module } from '@nestjs/common';
import { DisclosureRepository } from './disclosure.repository.js';

@Module({
  providers: [DisclosureRepository],
  exports: [DisclosureRepository],
})
export class DisclosuresModule {}
