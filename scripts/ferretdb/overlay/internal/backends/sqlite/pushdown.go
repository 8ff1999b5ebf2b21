// Council platform addition to FerretDB 1.24.2's SQLite backend (see scripts/ferretdb/README.md).
//
// Upstream pushes down only a filter that is exactly `{_id: <string or ObjectId>}`, and compares an
// expression no index is built on, so every query reads its whole table. This pushes down every
// top-level equality (and `$eq`, `$in`) on a string, ObjectId, boolean or non-zero number, as
// comparisons of metadata.LookupExpr, which lookup indexes are built on. The WHERE clause selects a
// superset of the matching documents (every document whose field holds an array is a candidate);
// the handler still filters every document it gets exactly, as it always has.
//
// Two more kinds of condition narrow the rows a lookup index has found before FerretDB decodes them
// (decoding is most of the cost of a read): equality with null, and ranges ($lt, $lte, $gt, $gte)
// on a finite number. Neither uses an index; both keep every candidate that could match.

package sqlite

import (
	"fmt"
	"math"
	"strings"

	"github.com/FerretDB/FerretDB/internal/backends/sqlite/metadata"
	"github.com/FerretDB/FerretDB/internal/handler/sjson"
	"github.com/FerretDB/FerretDB/internal/types"
)

// maxInValues bounds the values of one pushed-down `$in` (SQLite's default limit of host parameters
// is 32766).
const maxInValues = 1000

// prepareWhereClause returns a WHERE clause and its arguments for the pushable parts of filter, or
// an empty string if nothing can be pushed down.
func prepareWhereClause(filter *types.Document) (string, []any) {
	if filter == nil {
		return "", nil
	}

	var conds []string
	var args []any

	seen := map[string]bool{}
	dup := map[string]bool{}

	for _, k := range filter.Keys() {
		if seen[k] {
			dup[k] = true
		}

		seen[k] = true
	}

	for _, k := range filter.Keys() {
		if dup[k] || !metadata.PushableField(k) {
			continue
		}

		v, _ := filter.Get(k)

		if v == types.Null || isEqNull(v) {
			conds = append(conds, nullCondition(k))
			continue
		}

		if rc, ra := rangeConditions(k, v); len(rc) > 0 {
			conds = append(conds, rc...)
			args = append(args, ra...)

			continue
		}

		values, ok := pushableValues(v)
		if !ok {
			continue
		}

		placeholders := make([]string, len(values))
		for i, value := range values {
			placeholders[i] = "?"
			args = append(args, value)
		}

		if k != "_id" {
			placeholders = append(placeholders, "?")
			args = append(args, metadata.ArraySentinel)
		}

		if len(placeholders) == 1 {
			conds = append(conds, metadata.LookupExpr(k)+" = ?")
		} else {
			conds = append(conds, metadata.LookupExpr(k)+" IN ("+strings.Join(placeholders, ", ")+")")
		}
	}

	if len(conds) == 0 {
		return "", nil
	}

	return " WHERE " + strings.Join(conds, " AND "), args
}

// pushableValues returns the JSON texts a field must equal (besides holding an array) for a filter
// value to match, or false if the value cannot be pushed down.
func pushableValues(v any) ([]string, bool) {
	if doc, ok := v.(*types.Document); ok {
		if doc.Len() != 1 {
			return nil, false
		}

		op := doc.Keys()[0]
		operand, _ := doc.Get(op)

		switch op {
		case "$eq":
			return scalarValue(operand)
		case "$in":
			arr, ok := operand.(*types.Array)
			if !ok || arr.Len() == 0 || arr.Len() > maxInValues {
				return nil, false
			}

			res := make([]string, 0, arr.Len())

			for i := 0; i < arr.Len(); i++ {
				elem, _ := arr.Get(i)

				value, ok := scalarValue(elem)
				if !ok {
					return nil, false
				}

				res = append(res, value...)
			}

			return res, true
		default:
			return nil, false
		}
	}

	return scalarValue(v)
}

// scalarValue returns the JSON text of a value whose equal values all have that same text.
// Zero is left out (a stored -0.0 equals 0 but is written `-0`), and so are NaN and infinities.
func scalarValue(v any) ([]string, bool) {
	switch v := v.(type) {
	case string, types.ObjectID, bool:
	case int32:
		if v == 0 {
			return nil, false
		}
	case int64:
		if v == 0 || v > 1<<53 || v < -(1<<53) {
			return nil, false
		}
	case float64:
		if v == 0 || math.IsNaN(v) || math.IsInf(v, 0) || math.Abs(v) >= 1e21 || math.Abs(v) < 1e-6 {
			return nil, false
		}
	default:
		return nil, false
	}

	b, err := sjson.MarshalSingleValue(v)
	if err != nil {
		return nil, false
	}

	return []string{string(b)}, true
}

// rangeOps maps the range operators to SQL comparisons.
var rangeOps = map[string]string{"$lt": "<", "$lte": "<=", "$gt": ">", "$gte": ">="}

// rangeConditions returns a condition for each range operator of v (an operator document) whose
// operand is a finite number: a row is kept unless the field is a number that fails the comparison
// (a field holding anything else, an array included, stays a candidate). Other operators of the same
// document are left to the handler; every condition returned is necessary, so the rows kept are a
// superset of the matches.
func rangeConditions(field string, v any) ([]string, []any) {
	doc, ok := v.(*types.Document)
	if !ok || field == "_id" {
		return nil, nil
	}

	var conds []string
	var args []any

	for _, op := range doc.Keys() {
		cmp, ok := rangeOps[op]
		if !ok {
			continue
		}

		operand, _ := doc.Get(op)

		bound, ok := finiteNumber(operand)
		if !ok {
			continue
		}

		path := "'$." + field + "'"
		conds = append(conds, fmt.Sprintf(
			"(json_type(%[1]s, %[2]s) NOT IN ('integer', 'real') OR json_extract(%[1]s, %[2]s) %[3]s ?)",
			metadata.DefaultColumn, path, cmp,
		))
		args = append(args, bound)
	}

	return conds, args
}

// finiteNumber returns a number operand as SQLite compares it, or false if it is not a number or is
// NaN, infinite or an integer beyond 2^53 (where float comparison could differ from BSON's).
func finiteNumber(v any) (any, bool) {
	switch v := v.(type) {
	case int32:
		return int64(v), true
	case int64:
		if v > 1<<53 || v < -(1<<53) {
			return nil, false
		}

		return v, true
	case float64:
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, false
		}

		return v, true
	default:
		return nil, false
	}
}

// isEqNull reports whether v is `{$eq: null}`.
func isEqNull(v any) bool {
	doc, ok := v.(*types.Document)
	if !ok || doc.Len() != 1 || doc.Keys()[0] != "$eq" {
		return false
	}

	operand, _ := doc.Get("$eq")

	return operand == types.Null
}

// nullCondition keeps the rows where field is null, missing or an array (which may hold null): the
// documents `{field: null}` matches.
func nullCondition(field string) string {
	return fmt.Sprintf(
		"IFNULL(json_type(%s, '$.%s'), 'null') IN ('null', 'array')",
		metadata.DefaultColumn, field,
	)
}
