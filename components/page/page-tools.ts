import type { CaptureOptions } from '../../utils/capture/context';
import type { RawCaptureInput } from '../../utils/schema/capture';
import type { MaskBox } from '../../utils/screenshot/mask-image';
import type { ElementPickerProps } from './ElementPicker';
import type { QuestionPromptProps } from './QuestionPrompt';

/**
 * What the page needs only once the user acts: reading the screen for a note, pointing at an element,
 * masking for a screenshot; and the rare question prompt. Kept out of the content script, which every page load of a configured site
 * pays for (issue #20: ≤ 6 KB gzipped), and loaded on the first sign of intent
 * (entrypoints/content/page-tools.ts loads entrypoints/page-tools/).
 */
export interface PageTools {
  captureContext(doc: Document, options: CaptureOptions): RawCaptureInput;
  ElementPicker(props: ElementPickerProps): () => void;
  /** What the background stores about a picked element. */
  describeElement(element: Element): {
    role: string;
    name: string;
    selector: string;
    box: { x: number; y: number; width: number; height: number };
  };
  maskBoxes(doc: Document, sensitiveSelectors: readonly string[], own?: Element): MaskBox[];
  /** The on-screen prompt for an officer's question, loaded only when one is due (issue #18). */
  QuestionPrompt(props: QuestionPromptProps): void;
}

/** The isolated-world global under which the loaded tools are found (never the page's: its own world). */
export const PAGE_TOOLS = '__mitspracheTools';
