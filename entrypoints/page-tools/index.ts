import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { ElementPicker } from '../../components/page/ElementPicker';
import { PAGE_TOOLS, type PageTools } from '../../components/page/page-tools';
import { QuestionPrompt } from '../../components/page/QuestionPrompt';
import { roleOf, stableSelector } from '../../components/page/selector';
import { captureContext } from '../../utils/capture/context';
import { accessibleName } from '../../utils/capture/safe-text';
import { maskBoxes } from '../../utils/screenshot/mask-boxes';

// Loaded by the content script into its own isolated world on the first sign of intent
// (entrypoints/content/page-tools.ts), or when a question prompt is due; never on an ordinary page load.
export default defineUnlistedScript(() => {
  const tools: PageTools = {
    captureContext,
    ElementPicker,
    maskBoxes,
    QuestionPrompt,
    describeElement(element) {
      const r = element.getBoundingClientRect();
      return {
        role: roleOf(element),
        name: accessibleName(element),
        selector: stableSelector(element),
        box: {
          x: Math.round(r.x),
          y: Math.round(r.y),
          width: Math.round(r.width),
          height: Math.round(r.height),
        },
      };
    },
  };
  Object.assign(globalThis, { [PAGE_TOOLS]: tools });
});
