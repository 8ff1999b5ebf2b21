// Council platform addition to FerretDB 1.24.2's SQLite backend (see scripts/ferretdb/README.md).
//
// Upstream builds its indexes on `_ferretdb_sjson->"field"` but queries `_ferretdb_sjson->'$._id'`;
// SQLite uses an expression index only when the query's expression is the index's expression, so
// no query ever used an index. Lookup indexes are built on exactly the expressions that pushed-down
// filters (../pushdown.go) compare.

package metadata

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	"github.com/FerretDB/FerretDB/internal/util/fsql"
	"github.com/FerretDB/FerretDB/internal/util/lazyerrors"
)

// ArraySentinel is what LookupExpr gives for a field that holds an array. No JSON text is `[`, so
// it never equals a scalar's JSON text.
const ArraySentinel = "["

// lookupSuffix names the lookup twin of a unique index (its original keeps upstream's uniqueness
// semantics for arrays).
const lookupSuffix = "_lookup"

var simpleField = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// PushableField reports whether a top-level field name can be compared by LookupExpr.
func PushableField(field string) bool {
	return simpleField.MatchString(field)
}

// LookupExpr is the SQL expression of a top-level field used by both pushed-down equality filters
// and lookup indexes: `_id` is IDColumn; any other field is its JSON text, or ArraySentinel when it
// holds an array (an array may contain the value, so every array is a candidate; the handler
// filters every candidate exactly).
func LookupExpr(field string) string {
	if field == "_id" {
		return IDColumn
	}

	return fmt.Sprintf(
		"(CASE json_type(%[1]s, '$.%[2]s') WHEN 'array' THEN '%[3]s' ELSE %[1]s->'$.%[2]s' END)",
		DefaultColumn, field, ArraySentinel,
	)
}

// lookupColumns returns the index columns in LookupExpr form, or false if a key is not a simple
// top-level field (dotted paths are never pushed down).
func lookupColumns(index IndexInfo) ([]string, bool) {
	columns := make([]string, len(index.Key))

	for i, key := range index.Key {
		if !PushableField(key.Field) {
			return nil, false
		}

		columns[i] = LookupExpr(key.Field)
		if key.Descending {
			columns[i] += " DESC"
		}
	}

	return columns, true
}

// upstreamColumns returns the index columns as upstream builds them.
func upstreamColumns(index IndexInfo) []string {
	columns := make([]string, len(index.Key))

	for i, key := range index.Key {
		fields := strings.Split(key.Field, ".")
		for j, f := range fields {
			fields[j] = fmt.Sprintf("%q", f)
		}

		columns[i] = fmt.Sprintf("%s->%s", DefaultColumn, strings.Join(fields, "->"))
		if key.Descending {
			columns[i] += " DESC"
		}
	}

	return columns
}

// indexStatements returns the statements that create an index: a unique index keeps upstream's
// form and gets a non-unique lookup twin; any other index is built in lookup form.
func indexStatements(tableName string, index IndexInfo) []string {
	name := tableName + "_" + index.Name
	lookup, ok := lookupColumns(index)

	if !index.Unique {
		columns := upstreamColumns(index)
		if ok {
			columns = lookup
		}

		return []string{fmt.Sprintf("CREATE INDEX %q ON %q (%s)", name, tableName, strings.Join(columns, ", "))}
	}

	res := []string{
		fmt.Sprintf("CREATE UNIQUE INDEX %q ON %q (%s)", name, tableName, strings.Join(upstreamColumns(index), ", ")),
	}

	if ok {
		res = append(res, fmt.Sprintf(
			"CREATE INDEX %q ON %q (%s)", name+lookupSuffix, tableName, strings.Join(lookup, ", "),
		))
	}

	return res
}

// ensureLookupIndexes brings the indexes of a database written before lookup indexes existed (or by
// upstream FerretDB) to the lookup form: it creates missing lookup twins of unique indexes and
// rebuilds non-unique indexes whose definition differs. It is idempotent.
func ensureLookupIndexes(ctx context.Context, db *fsql.DB, colls map[string]*Collection) error {
	existing := map[string]string{}

	rows, err := db.QueryContext(ctx, "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")
	if err != nil {
		return lazyerrors.Error(err)
	}

	for rows.Next() {
		var name, sql string
		if err = rows.Scan(&name, &sql); err != nil {
			rows.Close()
			return lazyerrors.Error(err)
		}

		existing[name] = sql
	}

	rows.Close()

	if err = rows.Err(); err != nil {
		return lazyerrors.Error(err)
	}

	for _, c := range colls {
		for _, index := range c.Settings.Indexes {
			for _, q := range indexStatements(c.TableName, index) {
				name := indexNameOf(q)

				sql, found := existing[name]
				if found && sql == q {
					continue
				}

				if found {
					if _, err = db.ExecContext(ctx, fmt.Sprintf("DROP INDEX %q", name)); err != nil {
						return lazyerrors.Error(err)
					}
				}

				if _, err = db.ExecContext(ctx, q); err != nil {
					return lazyerrors.Error(err)
				}
			}
		}
	}

	return nil
}

// indexNameOf returns the quoted index name of a CREATE INDEX statement made by indexStatements.
func indexNameOf(q string) string {
	start := strings.IndexByte(q, '"')
	end := strings.Index(q[start+1:], `" ON `)

	return q[start+1 : start+1+end]
}
