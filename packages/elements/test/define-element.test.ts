import { expect } from '@open-wc/testing';
import { defineElement } from '../src/internal/define-element.js';
import { EsElement } from '../src/internal/es-element.js';
import '../src/define.js';
import { EsMessage } from '../src/index.js';

describe('defineElement', () => {
  it('registers es-message once through define.js', () => {
    expect(customElements.get('es-message')).to.equal(EsMessage);
  });

  it('tolerates a second copy of the library defining the same tag', () => {
    // What a second copy of the bundle does: another class, same tag.
    class SecondCopy extends EsMessage {}
    const warnings: unknown[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args);
    try {
      expect(() => defineElement('es-message', SecondCopy)).not.to.throw();
    } finally {
      console.warn = warn;
    }
    expect(customElements.get('es-message')).to.equal(EsMessage);
    expect(warnings).to.have.length(0);
  });

  it('leaves a tag owned by another library alone, with a warning', () => {
    class Foreign extends HTMLElement {}
    customElements.define('es-foreign-test', Foreign);
    class Ours extends EsElement {}
    const warnings: unknown[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args);
    try {
      defineElement('es-foreign-test', Ours);
    } finally {
      console.warn = warn;
    }
    expect(customElements.get('es-foreign-test')).to.equal(Foreign);
    expect(warnings).to.have.length(1);
  });
});
