// Council platform addition: the one-pass decoding (unmarshal_fast.go) against upstream's
// (unmarshalSlow). Run by scripts/ferretdb/test-sjson.sh, with upstream's own tests of the package.

package sjson

import (
	"math"
	"math/rand"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/FerretDB/FerretDB/internal/types"
	"github.com/FerretDB/FerretDB/internal/util/must"
)

var sampleStrings = []string{
	"", "a", "事業者協議会", "quote \" backslash \\ slash / tab \t newline \n", "\u0000\u001f", "😀 emoji",
	"<script>&amp;</script>", "$s", "$k", "p", "long " + strings.Repeat("課題", 200),
}

func randomValue(r *rand.Rand, depth int) any {
	kinds := 13
	if depth > 3 {
		kinds = 11 // no more nesting
	}

	switch r.Intn(kinds) {
	case 0:
		return []float64{0, math.Copysign(0, -1), 1.5, -2.25e-300, 1e300, math.MaxFloat64, math.SmallestNonzeroFloat64, r.NormFloat64()}[r.Intn(8)]
	case 1:
		return sampleStrings[r.Intn(len(sampleStrings))]
	case 2:
		b := make([]byte, r.Intn(40))
		r.Read(b)
		return types.Binary{B: b, Subtype: types.BinarySubtype([]byte{0, 2, 4, 0x80}[r.Intn(4)])}
	case 3:
		var id types.ObjectID
		r.Read(id[:])
		return id
	case 4:
		return r.Intn(2) == 0
	case 5:
		return time.UnixMilli(r.Int63n(1<<45) - 1<<44)
	case 6:
		return types.Null
	case 7:
		return types.Regex{Pattern: sampleStrings[r.Intn(len(sampleStrings))], Options: []string{"", "i", "imsx"}[r.Intn(3)]}
	case 8:
		return []int32{0, -1, 1, math.MaxInt32, math.MinInt32}[r.Intn(5)]
	case 9:
		return types.Timestamp(r.Uint64())
	case 10:
		return []int64{0, -1, math.MaxInt64, math.MinInt64, r.Int63()}[r.Intn(5)]
	case 11:
		return randomDocument(r, depth+1)
	default:
		a := types.MakeArray(0)
		for i, n := 0, r.Intn(5); i < n; i++ {
			a.Append(randomValue(r, depth+1))
		}

		return a
	}
}

func randomDocument(r *rand.Rand, depth int) *types.Document {
	d := must.NotFail(types.NewDocument())
	for i, n := 0, r.Intn(8); i < n; i++ {
		d.Set([]string{"_id", "a", "b.c", "課題", "", "x y", "$k", "p", "t", "long"}[r.Intn(10)]+string(rune('a'+i)), randomValue(r, depth))
	}

	return d
}

// Whatever one pass decodes, upstream decodes the same; and Unmarshal answers as upstream does.
func TestUnmarshalFastAgreesWithUpstream(t *testing.T) {
	r := rand.New(rand.NewSource(20261204))

	for i := 0; i < 5000; i++ {
		doc := randomDocument(r, 0)
		if doc.Len() == 0 {
			doc.Set("_id", int32(i))
		}

		data, err := Marshal(doc)
		if err != nil {
			t.Fatal(err)
		}

		slow, err := unmarshalSlow(data)
		if err != nil {
			t.Fatalf("upstream refused what Marshal wrote: %v\n%s", err, data)
		}

		fast, err := unmarshalFast(data)
		if err != nil {
			t.Fatalf("one pass refused what Marshal wrote: %v\n%s", err, data)
		}

		if !reflect.DeepEqual(fast, slow) {
			t.Fatalf("decoded differently:\n%s\nfast: %#v\nslow: %#v", data, fast, slow)
		}

		// Damaged or unusual text: one pass either agrees with upstream or leaves it to upstream.
		for j := 0; j < 3; j++ {
			damaged := damage(r, data)
			want, wantErr := unmarshalSlow(damaged)
			got, gotErr := Unmarshal(damaged)

			if (wantErr == nil) != (gotErr == nil) || (wantErr == nil && !reflect.DeepEqual(got, want)) {
				t.Fatalf("damaged text decoded differently:\n%s\nfast: %#v %v\nslow: %#v %v", damaged, got, gotErr, want, wantErr)
			}
		}
	}
}

// damage changes the text a little: a byte replaced, removed or repeated, or a key's case changed.
func damage(r *rand.Rand, data []byte) []byte {
	b := append([]byte(nil), data...)
	i := r.Intn(len(b))

	switch r.Intn(5) {
	case 0:
		b[i] = `{}[]":,0123456789-.eEtrufalsn \`[r.Intn(31)]
	case 1:
		b = append(b[:i], b[i+1:]...)
	case 2:
		b = append(b[:i+1], b[i:]...)
	case 3:
		return []byte(strings.Replace(string(b), `"t":`, `"T":`, 1))
	default:
		return []byte(strings.Replace(string(b), `"$k":`, `"$K":`, 1))
	}

	return b
}

// A message as the council platform stores it (server/threads/model.ts).
func messageText(b *testing.B) []byte {
	id := types.NewObjectID()
	author := must.NotFail(types.NewDocument("id", id, "name", "開発 太郎", "organization", must.NotFail(types.NewDocument("id", id, "name", "株式会社デモ開発"))))
	mentions := must.NotFail(types.NewDocument("users", types.MakeArray(0), "organizations", types.MakeArray(0)))
	doc := must.NotFail(types.NewDocument(
		"_id", "message:0123456789abcdef01234567:6f1c2d3e-aaaa-bbbb-cccc-1234567890ab",
		"threadId", id, "visibility", "council", "seq", int32(1234), "bucket", int32(24),
		"clientId", "6f1c2d3e-aaaa-bbbb-cccc-1234567890ab", "parentId", types.Null, "author", author,
		"body", strings.Repeat("標準準拠システムへの移行について、", 8), "mentions", mentions,
		"attachments", types.MakeArray(0), "version", int32(1), "editedAt", types.Null, "deletedAt", types.Null,
		"hidden", types.Null, "replyCount", int32(0), "lastReplyAt", types.Null,
		"createdAt", time.UnixMilli(1764800000000), "__v", int32(0),
	))

	return must.NotFail(Marshal(doc))
}

func BenchmarkUnmarshalMessage(b *testing.B) {
	data := messageText(b)

	b.Run("upstream", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			must.NotFail(unmarshalSlow(data))
		}
	})
	b.Run("one-pass", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			must.NotFail(unmarshalFast(data))
		}
	})
}
