// Council platform addition (scripts/ferretdb/README.md, "Decoding in one pass").
//
// Upstream's Unmarshal decodes a stored document with a new encoding/json Decoder for every value,
// and reads each nested document's text again at every level: on the embedded engine most of a
// read's time goes there. unmarshalFast parses the text once (fastjson) and walks the tree by the
// schema. It accepts what upstream accepts as written by Marshal; for anything else — or anything
// it is unsure of — it returns an error and Unmarshal takes upstream's path, with upstream's errors.

package sjson

import (
	"encoding/base64"
	"encoding/hex"
	"errors"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/valyala/fastjson"

	"github.com/FerretDB/FerretDB/internal/types"
	"github.com/FerretDB/FerretDB/internal/util/must"
)

var parsers fastjson.ParserPool

var errFast = errors.New("sjson: not decoded in one pass")

// unmarshalFast decodes a top-level stored document as Unmarshal does.
func unmarshalFast(data []byte) (*types.Document, error) {
	// The parser alone is lenient (a bad escape passes); the validator is as strict as encoding/json.
	if fastjson.ValidateBytes(data) != nil {
		return nil, errFast
	}

	p := parsers.Get()
	defer parsers.Put(p)

	v, err := p.ParseBytes(data)
	if err != nil {
		return nil, errFast
	}

	o, err := v.Object()
	if err != nil {
		return nil, errFast
	}

	jsch := o.Get("$s")
	if jsch == nil {
		return nil, errFast
	}

	sch, err := fastSchema(jsch)
	if err != nil {
		return nil, err
	}

	if len(sch.Keys) != o.Len()-1 {
		return nil, errFast
	}

	d := must.NotFail(types.NewDocument())

	for _, key := range sch.Keys {
		if key == "$s" {
			return nil, errFast
		}

		fv := o.Get(key)
		if fv == nil {
			return nil, errFast
		}

		val, err := fastValue(fv, sch.Properties[key])
		if err != nil {
			return nil, err
		}

		d.Set(key, val)
	}

	return d, nil
}

// fastValue decodes one value by its schema, as unmarshalSingleValue does.
func fastValue(v *fastjson.Value, sch *elem) (any, error) {
	if v.Type() == fastjson.TypeNull {
		return types.Null, nil
	}

	if sch == nil {
		return nil, errFast
	}

	switch sch.Type {
	case elemTypeObject:
		if sch.Schema == nil {
			return nil, errFast
		}

		o, err := v.Object()
		if err != nil {
			return nil, errFast
		}

		if o.Len() == 0 {
			return &types.Document{}, nil
		}

		if len(sch.Schema.Keys) != o.Len() {
			return nil, errFast
		}

		d := must.NotFail(types.NewDocument())

		for _, key := range sch.Schema.Keys {
			fv := o.Get(key)
			if fv == nil {
				return nil, errFast
			}

			val, err := fastValue(fv, sch.Schema.Properties[key])
			if err != nil {
				return nil, err
			}

			d.Set(key, val)
		}

		return d, nil

	case elemTypeArray:
		if sch.Items == nil {
			return nil, errFast
		}

		items, err := v.Array()
		if err != nil || len(items) != len(sch.Items) {
			return nil, errFast
		}

		a := types.MakeArray(len(items))

		for i, item := range items {
			val, err := fastValue(item, sch.Items[i])
			if err != nil {
				return nil, err
			}

			a.Append(val)
		}

		return a, nil

	case elemTypeDouble:
		n, err := fastNumber(v)
		if err != nil {
			return nil, err
		}

		f, err := strconv.ParseFloat(n, 64)
		if err != nil {
			return nil, errFast
		}

		return f, nil

	case elemTypeString:
		s, err := fastString(v)
		if err != nil {
			return nil, err
		}

		return s, nil

	case elemTypeBinData:
		if sch.Subtype == nil {
			return nil, errFast
		}

		s, err := fastString(v)
		if err != nil {
			return nil, err
		}

		b, err := base64.StdEncoding.DecodeString(s)
		if err != nil {
			return nil, errFast
		}

		return types.Binary{B: b, Subtype: *sch.Subtype}, nil

	case elemTypeObjectID:
		s, err := fastString(v)
		if err != nil {
			return nil, err
		}

		var id types.ObjectID
		if len(s) != 2*len(id) {
			return nil, errFast
		}

		if _, err := hex.Decode(id[:], []byte(s)); err != nil {
			return nil, errFast
		}

		return id, nil

	case elemTypeBool:
		switch v.Type() {
		case fastjson.TypeTrue:
			return true, nil
		case fastjson.TypeFalse:
			return false, nil
		}

		return nil, errFast

	case elemTypeDate:
		n, err := fastNumber(v)
		if err != nil {
			return nil, err
		}

		ms, err := strconv.ParseInt(n, 10, 64)
		if err != nil {
			return nil, errFast
		}

		return time.UnixMilli(ms), nil

	case elemTypeRegex:
		if sch.Options == nil {
			return nil, errFast
		}

		s, err := fastString(v)
		if err != nil {
			return nil, err
		}

		return types.Regex{Pattern: s, Options: *sch.Options}, nil

	case elemTypeInt:
		n, err := fastNumber(v)
		if err != nil {
			return nil, err
		}

		i, err := strconv.ParseInt(n, 10, 32)
		if err != nil {
			return nil, errFast
		}

		return int32(i), nil

	case elemTypeTimestamp:
		n, err := fastNumber(v)
		if err != nil {
			return nil, err
		}

		u, err := strconv.ParseUint(n, 10, 64)
		if err != nil {
			return nil, errFast
		}

		return types.Timestamp(u), nil

	case elemTypeLong:
		n, err := fastNumber(v)
		if err != nil {
			return nil, err
		}

		i, err := strconv.ParseInt(n, 10, 64)
		if err != nil {
			return nil, errFast
		}

		return i, nil
	}

	return nil, errFast
}

// fastNumber is a number's text as stored (parsed by strconv, as encoding/json does).
func fastNumber(v *fastjson.Value) (string, error) {
	if v.Type() != fastjson.TypeNumber {
		return "", errFast
	}

	return string(v.MarshalTo(nil)), nil
}

// fastString is a string value, unescaped and copied (the parser's buffers are reused). Text that is
// not valid UTF-8 is left to upstream (encoding/json replaces what is invalid; fastjson keeps it).
func fastString(v *fastjson.Value) (string, error) {
	b, err := v.StringBytes()
	if err != nil || !utf8.Valid(b) {
		return "", errFast
	}

	return string(b), nil
}

// fastSchema decodes a schema as encoding/json does into schema, with no unknown fields.
func fastSchema(v *fastjson.Value) (*schema, error) {
	o, err := v.Object()
	if err != nil {
		return nil, errFast
	}

	sch := &schema{}
	bad := false

	o.Visit(func(key []byte, fv *fastjson.Value) {
		if bad {
			return
		}

		switch string(key) {
		case "p":
			if fv.Type() == fastjson.TypeNull {
				return
			}

			po, err := fv.Object()
			if err != nil {
				bad = true
				return
			}

			sch.Properties = make(map[string]*elem, po.Len())

			po.Visit(func(k []byte, ev *fastjson.Value) {
				if bad {
					return
				}

				e, err := fastElem(ev)
				if err != nil {
					bad = true
					return
				}

				sch.Properties[string(k)] = e
			})
		case "$k":
			if fv.Type() == fastjson.TypeNull {
				return
			}

			keys, err := fv.Array()
			if err != nil {
				bad = true
				return
			}

			sch.Keys = make([]string, len(keys))

			for i, k := range keys {
				s, err := fastString(k)
				if err != nil {
					bad = true
					return
				}

				sch.Keys[i] = s
			}
		default:
			bad = true
		}
	})

	if bad {
		return nil, errFast
	}

	return sch, nil
}

// fastElem decodes one element of a schema.
func fastElem(v *fastjson.Value) (*elem, error) {
	if v.Type() == fastjson.TypeNull {
		return nil, nil
	}

	o, err := v.Object()
	if err != nil {
		return nil, errFast
	}

	e := &elem{}
	bad := false

	o.Visit(func(key []byte, fv *fastjson.Value) {
		if bad {
			return
		}

		switch string(key) {
		case "t":
			s, err := fastString(fv)
			if err != nil {
				bad = true
				return
			}

			e.Type = elemType(s)
		case "$s":
			if fv.Type() == fastjson.TypeNull {
				return
			}

			s, err := fastSchema(fv)
			if err != nil {
				bad = true
				return
			}

			e.Schema = s
		case "o":
			if fv.Type() == fastjson.TypeNull {
				return
			}

			s, err := fastString(fv)
			if err != nil {
				bad = true
				return
			}

			e.Options = &s
		case "i":
			if fv.Type() == fastjson.TypeNull {
				return
			}

			items, err := fv.Array()
			if err != nil {
				bad = true
				return
			}

			e.Items = make([]*elem, len(items))

			for i, item := range items {
				ie, err := fastElem(item)
				if err != nil {
					bad = true
					return
				}

				e.Items[i] = ie
			}
		case "s":
			if fv.Type() == fastjson.TypeNull {
				return
			}

			n, err := fastNumber(fv)
			if err != nil {
				bad = true
				return
			}

			u, err := strconv.ParseUint(n, 10, 8)
			if err != nil {
				bad = true
				return
			}

			st := types.BinarySubtype(u)
			e.Subtype = &st
		default:
			bad = true
		}
	})

	if bad {
		return nil, errFast
	}

	return e, nil
}
