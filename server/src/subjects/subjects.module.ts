import { Module } from '@nestjs/common';
import { SubjectRepository } from './subject.repository.js';
import { SubjectsController } from './subjects.controller.js';
import { SubjectsService } from './subjects.service.js';

@Module({
  controllers: [SubjectsController],
  providers: [SubjectsService, SubjectRepository],
  exports: [SubjectsService],
})
export class SubjectsModule {}
