export { type LineChartInput, type LineSeries, lineChartSvg } from './charts';
export { type Cell, PdfReport, type ReportMeta } from './pdf-document';
export { germanDate, germanDateTime, germanNumber } from './format';
export { disclosedText, SUPPRESSION_REASONS } from './suppression';
