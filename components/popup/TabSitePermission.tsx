import type { ComponentType } from 'preact';
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { Lang } from '../../utils/i18n/lang';
import type { Send } from '../../utils/messaging/protocol';
import type { SiteStatus } from '../../utils/schema/settings-status';
import { findSite } from '../../utils/sites/match';
import type { SitePermissionNoticeProps } from './SitePermissionNotice';

/** Props of the check for the open tab's site permission. */
export interface TabSitePermissionProps {
  lang: Lang;
  /** The active tab, when the popup was opened over one. */
  tab: { id: number; url: string } | undefined;
  /** Whether the active tab belongs to a configured site; undefined until the background has said. */
  siteConfigured: boolean | undefined;
  send: Send;
}

/**
 * When the open tab is a configured site the browser holds no permission for (set by policy, a
 * declined prompt, taken back in the browser), says so with a button that asks for it: without it the
 * button cannot appear there. Asks only on configured sites, and loads the notice only when it shows.
 */
export function TabSitePermission({ lang, tab, siteConfigured, send }: TabSitePermissionProps) {
  const [lacking, setLacking] = useState<SiteStatus | undefined>();
  const [Notice, setNotice] = useState<ComponentType<SitePermissionNoticeProps> | undefined>();
  const url = siteConfigured && tab ? tab.url : undefined;

  const check = useCallback(
    (live: () => boolean = () => true) => {
      if (!url) return;
      send('settings:view', {})
        .then((view) => {
          if (!live()) return;
          const site = findSite(view.sites, url);
          setLacking(site && site.permission !== 'granted' ? site : undefined);
        })
        .catch(() => undefined);
    },
    [url, send],
  );

  useEffect(() => {
    let live = true;
    check(() => live);
    return () => {
      live = false;
    };
  }, [check]);

  useEffect(() => {
    if (!lacking || Notice) return;
    let live = true;
    import('./SitePermissionNotice')
      .then((module) => live && setNotice(() => module.SitePermissionNotice))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [lacking]);

  if (!lacking || !Notice) return null;
  // After a grant the background answers "granted" and the notice goes; a decline keeps it, with its note.
  return <Notice lang={lang} status={{ sites: [lacking], warnings: [] }} onChanged={() => check()} />;
}
