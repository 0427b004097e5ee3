import { Controller } from '@nestjs/common';
import {
  ListResultsDto,
  ParameterSeriesDto,
  ResultIdDto,
  Subjects,
  SubmitLabBundleDto,
  type BusRequest,
  type LabSubmission,
  type ParameterSeries,
  type ResultDocument,
  type ResultsPage,
  type ResultView,
} from '@pacjent/contracts';
import { BusHandler, validateInput, type JsonText } from '@pacjent/platform';
import { requireFullPatient, requireLab } from './results-actor';
import { ResultsService } from './results.service';

/** Laboratories post results; patients read their own. */
@Controller()
export class ResultsController {
  constructor(private readonly results: ResultsService) {}

  @BusHandler(Subjects.consultations.submitLabResults)
  submit(payload: BusRequest): Promise<LabSubmission> {
    const { bundle, documentId } = validateInput(SubmitLabBundleDto, payload.data);
    return this.results.submit(requireLab(payload.actor), bundle, documentId);
  }

  @BusHandler(Subjects.consultations.resultDocument)
  document(payload: BusRequest): Promise<ResultDocument> {
    return this.results.document(requireFullPatient(payload.actor), validateInput(ResultIdDto, payload.data).id);
  }

  @BusHandler(Subjects.consultations.listResults)
  list(payload: BusRequest): Promise<JsonText<ResultsPage>> {
    const { page, pageSize } = validateInput(ListResultsDto, payload.data);
    return this.results.list(requireFullPatient(payload.actor), page, pageSize);
  }

  @BusHandler(Subjects.consultations.getResult)
  get(payload: BusRequest): Promise<ResultView> {
    return this.results.get(requireFullPatient(payload.actor), validateInput(ResultIdDto, payload.data).id);
  }

  @BusHandler(Subjects.consultations.parameterSeries)
  series(payload: BusRequest): Promise<ParameterSeries> {
    const { loincCode } = validateInput(ParameterSeriesDto, payload.data);
    return this.results.series(requireFullPatient(payload.actor), loincCode);
  }
}
