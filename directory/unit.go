package directory

// Kind is what a unit is. The tree has no fixed levels: since 1 July 2025 local government
// has two tiers (province, commune), while three-tier archives (with districts) must still
// be routed and rendered, so a unit's place in the tree comes only from its parent.
type Kind string

// The kinds of unit the directory knows.
const (
	Nation            Kind = "nation"             // central bodies: Chính phủ, Bộ Công an, …
	Province          Kind = "province"           // tỉnh, thành phố trực thuộc trung ương
	District          Kind = "district"           // huyện, thị xã, thành phố thuộc tỉnh (before 1 July 2025)
	Commune           Kind = "commune"            // xã, phường, thị trấn, đặc khu
	Village           Kind = "village"            // thôn, tổ dân phố, khu dân cư
	PeopleCommittee   Kind = "people-committee"   // Ủy ban nhân dân
	Police            Kind = "police"             // Công an
	SteeringCommittee Kind = "steering-committee" // Ban Chỉ đạo
	Department        Kind = "department"         // sở, phòng, ban, ngành
	Agency            Kind = "agency"             // cơ quan, đoàn thể, tổ chức
	Enterprise        Kind = "enterprise"         // doanh nghiệp
	School            Kind = "school"             // cơ sở giáo dục
)

// Kinds lists every kind in the order they are shown to a user.
var Kinds = []Kind{Nation, Province, District, Commune, Village, PeopleCommittee, Police,
	SteeringCommittee, Department, Agency, Enterprise, School}

// Unit is one node of the organisation tree.
type Unit struct {
	ID       string `json:"id" db:"id"`               // stable slug: "ubnd-tinh-thanh-hoa"
	ParentID string `json:"parent_id" db:"parent_id"` // "" at a root
	Kind     Kind   `json:"kind" db:"kind"`
	// Name is the full name as printed in the header: "Ủy ban nhân dân tỉnh Thanh Hoá".
	Name string `json:"name" db:"name"`
	// ShortName is the abbreviation used in document symbols: "UBND", "CAT", "BCĐ".
	ShortName string `json:"short_name" db:"short_name"`
	// Label is how the unit is named in Kính gửi and Nơi nhận lines: "UBND tỉnh Thanh Hoá".
	// Empty means Name.
	Label string `json:"label" db:"label"`
	// HeadTitle is the title of the unit's head: "Chủ tịch", "Giám đốc", "Trưởng ban".
	HeadTitle string `json:"head_title" db:"head_title"`
	// Place is the địa danh written before the date of the unit's documents ("Thanh Hoá").
	Place string `json:"place" db:"place"`
}

// Group is a saved set of recipients, printed as one line ("Các sở, ban, ngành, đoàn thể cấp
// tỉnh") or expanded to one line per member, as the issuer chooses.
type Group struct {
	ID      string   `json:"id" db:"id"`
	Name    string   `json:"name" db:"name"`
	Members []string `json:"members"` // unit IDs
}

// Recipients is the addressing of one document: the Kính gửi lines, the Nơi nhận items and
// the archive line. It is the output of routing and what the user edits before issuing.
type Recipients struct {
	// KinhGui are the Kính gửi lines, without "- " and without final punctuation.
	KinhGui []string `json:"kinh_gui"`
	// NoiNhan are the Nơi nhận items before the archive line, without "- " and punctuation;
	// "Như trên" comes first when there is a Kính gửi.
	NoiNhan []string `json:"noi_nhan"`
	// Archive is what follows "Lưu: " ("VT, NC (3)").
	Archive string `json:"archive"`
}
