import Link from '@material-ui/core/Link';
import { makeStyles } from '@material-ui/core/styles';
import { MouseEvent, useCallback, useEffect, useRef } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';

export interface PageSection {
  /** The element id, and the URL's hash: `#dora`. */
  id: string;
  title: string;
}

/** How far below the top a section lands, so that the sticky bar does not cover its title. */
export const SECTION_SCROLL_MARGIN = 64;

const useStyles = makeStyles(theme => ({
  nav: {
    position: 'sticky',
    top: 0,
    zIndex: 2,
    backgroundColor: theme.palette.background.default,
    padding: theme.spacing(1, 0),
    marginBottom: theme.spacing(2),
    borderBottom: `1px solid ${theme.palette.divider}`,
  },
  list: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(0.5, 2),
    margin: 0,
    padding: 0,
    listStyle: 'none',
  },
  link: {
    whiteSpace: 'nowrap',
    fontWeight: theme.typography.fontWeightMedium as number,
  },
}));

function scrollToSection(id: string) {
  // jsdom (tests) has no scrollIntoView.
  document
    .getElementById(id)
    ?.scrollIntoView?.({ behavior: 'smooth', block: 'start' });
}

/**
 * Links to the sections of a long page, in a bar that stays at the top while
 * the page scrolls. A link puts the section in the URL's hash (keeping the
 * query string) and scrolls to it; opening a URL with a hash scrolls there
 * once the page has `ready` content.
 */
export function SectionNav(props: { sections: PageSection[]; ready: boolean }) {
  const { sections, ready } = props;
  const classes = useStyles();
  const location = useLocation();
  const navigate = useNavigate();
  const scrolledOnOpen = useRef(false);

  // Only the hash the page was opened with: links scroll by themselves.
  useEffect(() => {
    if (!ready || scrolledOnOpen.current) {
      return;
    }
    scrolledOnOpen.current = true;
    const id = location.hash.replace(/^#/, '');
    if (sections.some(section => section.id === id)) {
      scrollToSection(id);
    }
  }, [ready, location.hash, sections]);

  const onClick = useCallback(
    (event: MouseEvent<HTMLAnchorElement>, id: string) => {
      event.preventDefault();
      navigate(
        { pathname: location.pathname, search: location.search, hash: id },
        { replace: true },
      );
      scrollToSection(id);
    },
    [navigate, location.pathname, location.search],
  );

  return (
    <nav className={classes.nav} aria-label="Sections of this page">
      <ul className={classes.list}>
        {sections.map(section => (
          <li key={section.id}>
            <Link
              href={`#${section.id}`}
              className={classes.link}
              variant="body2"
              onClick={(event: MouseEvent<HTMLAnchorElement>) =>
                onClick(event, section.id)
              }
            >
              {section.title}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
