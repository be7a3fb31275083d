export { ErrorSummary, type FieldMessage } from './error-summary.js';
export { EvidenceGallery, type GalleryItem, staffEvidenceHref } from './evidence.js';
export { fieldId, type Option, Radios, Select, TextArea, TextInput } from './field.js';
export {
  Badge,
  Button,
  ButtonLink,
  CopyCode,
  Panel,
  StepIndicator,
  SummaryList,
  Table,
  Timeline,
  type TimelineItem,
} from './ui.js';
