// Package archtest holds one test: that the import map in the README's Architecture section
// is the module's real import graph, so the map a newcomer reads is never stale and a new
// import across floors is a visible change to the README.
package archtest
