package render

import "github.com/sprintkit/sprintkit/internal/layout"

// frameAt is the Frame of the page at name, all but its Kind, which the
// page's kind sets (kinds.go).
func (r *renderer) frameAt(name, title, desc string) Frame {
	st := r.site.Settings
	if desc == "" {
		desc = st.Description
	}
	if desc == "" {
		desc = st.Title
	}
	root := layout.Root(name)
	f := Frame{
		Lang:        st.Language,
		Title:       title,
		Description: oneLine(desc),
		SiteTitle:   st.Title,
		StyleURL:    root + layout.Asset("style.css"),
		Chrome:      r.chrome(name),
	}
	if st.BaseURL != "" {
		f.FeedURL = root + layout.Feed
	}
	return f
}

// chrome is the Chrome of the page at name. Pages at one depth that are
// not in the navigation themselves share one, made once per build.
func (r *renderer) chrome(name string) Chrome {
	root := layout.Root(name)
	memo := root
	if r.navTargets[name] {
		memo = name
	}
	r.chromeMu.Lock()
	defer r.chromeMu.Unlock()
	if c, ok := r.chromes[memo]; ok {
		return c
	}
	c := Chrome{
		SiteTitle: r.site.Settings.Title,
		HomeURL:   root + layout.Index,
		Search: Search{
			Root:      root,
			IndexURL:  root + layout.SearchIndex,
			ScriptURL: root + layout.Asset("search.js"),
		},
	}
	for _, l := range r.nav {
		c.Nav = append(c.Nav, NavLink{URL: root + l.URL, Text: l.Text, Current: l.URL == name})
	}
	if r.chromes == nil {
		r.chromes = map[string]Chrome{}
	}
	r.chromes[memo] = c
	return c
}
