import { Module } from '@nestjs/common';
import { ViolationFlagRepository } from './violation-flag.repository.js';
import { ViolationsController } from './violations.controller.js';
import { ViolationsService } from './violations.service.js';

/**
 * Terms-of-Service violation flags. Other features read flags through the exported
 * repository (`findById`, `findByIds`, `findBySubject`) and service.
 */
@Module({
  controllers: [ViolationsController],
  providers: [ViolationsService, ViolationFlagRepository],
  exports: [ViolationsService, ViolationFlagRepository],
})
export class ViolationsModule {}
