// Council platform addition to FerretDB 1.24.2's handler (see scripts/ferretdb/README.md).
//
// FerretDB applies an update (and findAndModify) as read, modify in Go, write the whole document
// back, with nothing held in between: two concurrent updates of one document both read it before
// either writes, and the second write erases the first ($inc loses increments, $addToSet loses
// elements, two $set of different fields lose one). Within this process, updates of one collection
// now take turns, so each reads what the one before it wrote.
//
// This holds for every client of this FerretDB process; it cannot hold across several FerretDB
// processes on one PostgreSQL database, which is why the app still keys what several people change
// at once (docs/DATABASE.md, "No lost writes").

package handler

import "sync"

// writeLocks holds one mutex per "<database>\x00<collection>".
var writeLocks sync.Map

// lockCollectionWrites waits for the turn of the collection's read-modify-write updates and returns
// the function that ends it.
func lockCollectionWrites(db, collection string) func() {
	v, _ := writeLocks.LoadOrStore(db+"\x00"+collection, new(sync.Mutex))
	m := v.(*sync.Mutex)
	m.Lock()

	return m.Unlock
}
